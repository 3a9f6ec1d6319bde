package scalecheck.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;
import scalecheck.sim.RunStatus;
import scalecheck.theory.Exponent;
import scalecheck.theory.Rational;

/** Known answers for the check layer: a table of laws and engines that produce exact or noisy power laws. */
final class Fixtures {
  private Fixtures() {}

  /** A law with fixed exponents per symbol; "g" in the regime makes the exponent in m equal to -g. */
  record TableLaw(Map<String, String> exponents) implements LawSource.Law {
    @Override
    public Set<String> symbols() {
      return exponents.keySet();
    }

    @Override
    public Exponent exponent(String symbol, Map<String, String> regime) {
      if (!exponents.containsKey(symbol)) throw new IllegalArgumentException("no symbol " + symbol);
      String e = exponents.get(symbol);
      if (regime.containsKey("g") && symbol.equals("m")) e = negate(regime.get("g"));
      if (e.equals("log")) return Exponent.notPowerLaw("n log n is not a power law");
      return Exponent.of(Rational.parse(e));
    }

    private static String negate(String r) {
      return r.startsWith("-") ? r.substring(1) : "-" + r;
    }

    static double value(String r) {
      String[] p = r.split("/");
      return p.length == 1 ? Double.parseDouble(p[0]) : Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
    }
  }

  /** Laws: t/dW (n: -1, alpha: -1), t/dz (n: -1/2, alpha: -1), t/wrong (n: -1/2), t/rd (m, g), t/flat (n: 0), t/log. */
  static LawSource laws() {
    Map<String, LawSource.Law> m = new LinkedHashMap<>();
    m.put("t/dW", new TableLaw(Map.of("n", "-1", "alpha", "-1")));
    m.put("t/dz", new TableLaw(Map.of("n", "-1/2", "alpha", "-1")));
    m.put("t/wrong", new TableLaw(Map.of("n", "-1/2", "alpha", "-1")));
    m.put("t/rd", new TableLaw(Map.of("m", "0", "kappa", "-1", "g", "0")));
    m.put("t/flat", new TableLaw(Map.of("n", "0", "alpha", "0")));
    m.put("t/log", new TableLaw(Map.of("n", "log")));
    return m::get;
  }

  /**
   * An engine whose probe {@code dW.hidden} is 0.7 n^-1 alpha^-1 and {@code dz.mean} 0.3 n^-1/2 alpha^-1,
   * {@code rd.final} = kappa^-1, each times (1 + noise * N(0,1)) drawn from the run's seed, and
   * {@code out.test} a vector with std over seeds n^-1/2.
   */
  static RunExecutor powerLaws(double noise) {
    return engine(spec -> ok(spec, noise));
  }

  static RunExecutor engine(Function<RunSpec, RunResult> f) {
    return f::apply;
  }

  static RunResult ok(RunSpec spec, double noise) {
    SplittableRandom r = new SplittableRandom(spec.seed() * 31 + spec.model().width());
    double n = spec.model().width();
    double a = spec.model().alpha();
    Map<String, Double> probes = new LinkedHashMap<>();
    probes.put("dW.hidden", 0.7 / (n * a) * (1 + noise * r.nextGaussian()));
    probes.put("dz.mean", 0.3 / (Math.sqrt(n) * a) * (1 + noise * r.nextGaussian()));
    probes.put("rd.final", 1 / spec.model().kappa() * (1 + noise * r.nextGaussian()));
    probes.put("dw.total", 2.0 * (1 + noise * r.nextGaussian()));
    double[] out = new double[50];
    SplittableRandom o = new SplittableRandom(spec.seed());
    for (int j = 0; j < out.length; j++) out[j] = o.nextGaussian() / Math.sqrt(n);
    return new RunResult(RunStatus.OK, "", 10, 1.0, 0.0, probes, Map.of("out.test", out));
  }

  static Path write(Path dir, String name, String yaml) {
    try {
      Files.createDirectories(dir);
      Path f = dir.resolve(name);
      Files.writeString(f, yaml);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minimal valid check of t/dW in n. */
  static String dwCheck(String id, String law, String extra) {
    return "id: " + id + "\n"
        + "law: " + law + "\n"
        + "vary: n\n"
        + "model: {depth: 2, alpha: 1}\n"
        + "data: {kind: linear, d: 5, train: 16, test: 8}\n"
        + "dynamics: {kind: flow}\n"
        + "sweep:\n"
        + "  n: [64, 128, 256, 512, 1024]\n"
        + "  seeds: 4\n"
        + "measure: dW.hidden\n"
        + "tolerance: 0.1\n"
        + extra;
  }

  /** Prepares and runs checks in-process, results streamed to {@code out/results.jsonl}. */
  static Verifier.Result verify(java.util.List<Path> files, RunExecutor ex, Path out, int threads, boolean fast,
      long seed) {
    Verifier v = new Verifier(laws(), ex);
    Verifier.Options opt = new Verifier.Options(fast, seed, threads, Long.MAX_VALUE);
    Verifier.Prepared p = v.prepare(files, opt);
    try (ResultStore store = ResultStore.open(out.resolve("results.jsonl"))) {
      return v.run(p, opt, new Runner(ex, store, threads, Progress.quiet()));
    }
  }

  static CheckResult only(Verifier.Result r) {
    if (r.checks().size() != 1) throw new AssertionError("expected one result, got " + r.checks());
    return r.checks().get(0);
  }
}
