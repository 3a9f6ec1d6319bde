package scalecheck.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The one bridge to Symja: parsing, simplification, substitution, Solve, and the leading-exponent
 * walk. Symja's evaluation engine is not thread safe, so every call takes one lock; the engine is
 * created once, lazily (about 1.5 s), in quiet mode and with {@code Config.JAS_NO_THREADS} set first.
 * Symja's exceptions never leave this class: they become {@link Failure}, which callers turn into
 * messages naming the user's file and line.
 *
 * <p>Leading exponent of f in s (s -> infinity, other symbols fixed), walked on the expression tree:
 * a term free of s has exponent 0; s has 1; a product adds exponents; {@code b^r} with r free of s
 * multiplies b's exponent by r ({@code Sqrt} is {@code ^(1/2)}); a sum keeps its dominant terms,
 * comparing exponents exactly, and adds their coefficients (if they cancel, the sum is expanded and
 * walked again, else reported); {@code Log}, {@code Exp} or any other function of s is not a power
 * law. Symja's own {@code Limit(Log(f)/Log(n))} and {@code Exponent} are not used: the first returns 0
 * for {@code Sqrt(n)*alpha}, the second is wrong for {@code (1+n)^(-1/2)}. Symja's
 * {@code Limit(f*s^(-p), s->Infinity)} is used as a cross-check only.
 */
final class Symja {
  /** A problem Symja reported, or an expression it could not handle; message is for users. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message);
    }
  }

  /** Constants that may appear in a formula besides the declared symbols. */
  static final Set<String> CONSTANTS = Set.of("Pi", "E", "EulerGamma", "GoldenRatio", "Catalan", "Infinity");

  private static final Object LOCK = new Object();
  private static ExprEvaluator evaluator; // guarded by LOCK
  private static final Map<String, Exponent> EXPONENT_CACHE = new ConcurrentHashMap<>();

  static {
    Config.JAS_NO_THREADS = true;
  }

  private Symja() {}

  /** The engine, created on first use; call only while holding LOCK. */
  private static ExprEvaluator ev() {
    if (evaluator == null) {
      Config.JAS_NO_THREADS = true;
      ExprEvaluator e = new ExprEvaluator();
      e.getEvalEngine().setQuietMode(true);
      evaluator = e;
    }
    EvalEngine.setReset(evaluator.getEvalEngine());
    evaluator.getEvalEngine().setQuietMode(true);
    return evaluator;
  }

  /** Forces initialisation (e.g. before timing something else). */
  static void warmUp() {
    synchronized (LOCK) {
      ev();
    }
  }

  /**
   * Longest a single Symja evaluation may run, in milliseconds (system property
   * {@code scalecheck.symja.timeout.seconds}, default 30): a pathological formula then becomes an
   * error naming its field instead of a hang.
   */
  static volatile long timeoutMillis = 1000L * Long.getLong("scalecheck.symja.timeout.seconds", 30);

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scalecheck-symja-watchdog");
    t.setDaemon(true);
    return t;
  });

  /** Evaluates on the engine, asking it to stop after {@link #timeoutMillis}; call only while holding LOCK. */
  private static IExpr evalTimed(Function<ExprEvaluator, IExpr> f, Object what) {
    ExprEvaluator ev = ev();
    EvalEngine engine = ev.getEvalEngine();
    long limit = timeoutMillis;
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
      fired.set(true);
      engine.stopRequest();
    }, limit, TimeUnit.MILLISECONDS);
    try {
      IExpr r = f.apply(ev);
      if (fired.get()) throw timedOut(limit);
      if (r == null) throw new Failure("Symja could not evaluate '" + what + "'");
      return r;
    } catch (Failure e) {
      throw e;
    } catch (Throwable t) {
      throw fired.get() ? timedOut(limit) : new Failure(describe(t));
    } finally {
      alarm.cancel(false);
      engine.setStopRequested(false);
    }
  }

  private static Failure timedOut(long limitMillis) {
    return new Failure("Symja did not finish within " + (limitMillis / 1000.0) + " s (write the formula in a"
        + " simpler form, or raise -Dscalecheck.symja.timeout.seconds)");
  }

  private static IExpr eval(String text) {
    return evalTimed(ev -> ev.eval(text), text);
  }

  private static IExpr eval(IExpr e) {
    return evalTimed(ev -> ev.eval(e), e);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
    int nl = m.indexOf('\n');
    if (nl > 0) m = m.substring(0, nl);
    if (t.getClass().getSimpleName().contains("Syntax")) return "syntax error: " + m.trim();
    return "Symja: " + m.trim();
  }

  /**
   * Evaluates {@code text}, applies the substitutions in order (each {@code symbol -> value}), then
   * simplifies for positive symbols. Returns the closed form in Symja input syntax.
   */
  static String simplify(String text, Map<String, String> substitutions) {
    synchronized (LOCK) {
      IExpr e = eval(text);
      e = substitute(e, substitutions);
      return closedForm(e).toString();
    }
  }

  private static IExpr substitute(IExpr e, Map<String, String> substitutions) {
    for (Map.Entry<String, String> s : substitutions.entrySet()) {
      IExpr value = eval(s.getValue());
      e = eval(F.ReplaceAll(e, F.Rule(F.symbol(s.getKey()), value)));
    }
    return e;
  }

  private static IExpr closedForm(IExpr e) {
    IExpr r = eval("Simplify(PowerExpand(" + e + "))");
    return r.leafCount() <= e.leafCount() ? r : e;
  }

  /**
   * Solves the equation {@code Solve(...)} text; returns the single value, or throws Failure for none,
   * several, or an unsolved form.
   */
  static String solveSingle(String solveText) {
    synchronized (LOCK) {
      IExpr r = eval(solveText);
      if (!r.isList()) {
        if (r.isAST() && r.head().toString().equals("Solve")) {
          throw new Failure("Symja could not solve " + solveText);
        }
        throw new Failure("expected Solve(...) to give solutions, got " + r);
      }
      IAST list = (IAST) r;
      if (list.argSize() == 0) throw new Failure("Solve has no solution: " + solveText);
      if (list.argSize() > 1) throw new Failure("Solve has several solutions " + r + ": a derived law needs exactly one; rewrite the equation so it has one solution");
      IExpr sol = list.arg1();
      if (!sol.isList() || ((IAST) sol).argSize() != 1 || !((IAST) sol).arg1().isRuleAST()) {
        throw new Failure("Solve must solve for exactly one symbol, got " + r);
      }
      IExpr value = ((IAST) ((IAST) sol).arg1()).arg2();
      return closedForm(value).toString();
    }
  }

  /** Evaluates a derive expression that is not a Solve; lists are rejected. */
  static String evaluate(String text) {
    synchronized (LOCK) {
      IExpr r = eval(text);
      if (r.isList()) throw new Failure("gives a list " + r + ", expected one expression");
      return closedForm(r).toString();
    }
  }

  /** User symbols (not Symja built-ins) occurring in the evaluated text, sorted. */
  static Set<String> freeSymbols(String text) {
    synchronized (LOCK) {
      Set<String> out = new TreeSet<>();
      collect(eval(text), out);
      return out;
    }
  }

  private static void collect(IExpr e, Set<String> out) {
    if (e.isSymbol()) {
      if (!e.isBuiltInSymbol()) out.add(((ISymbol) e).getSymbolName());
      return;
    }
    if (e.isAST()) {
      IAST a = (IAST) e;
      collect(a.head(), out);
      for (int i = 1; i < a.size(); i++) collect(a.get(i), out);
    }
  }

  /** True when the two closed forms are equal for positive symbols. */
  static boolean sameForm(String a, String b) {
    synchronized (LOCK) {
      IExpr d = eval("Simplify(PowerExpand((" + a + ") - (" + b + ")))");
      return d.isZero();
    }
  }

  // ---- leading exponent -----------------------------------------------------------------------

  /**
   * Leading exponent of {@code text} in {@code symbol} after the substitutions; cached. Never throws
   * for a well-formed expression: what cannot be decided is reported in the Exponent's note.
   */
  static Exponent exponent(String text, String symbol, Map<String, String> substitutions) {
    String key = text + "\u0000" + symbol + "\u0000" + substitutions;
    Exponent cached = EXPONENT_CACHE.get(key);
    if (cached != null) return cached;
    Exponent r;
    synchronized (LOCK) {
      IExpr e = substitute(eval(text), substitutions);
      if (!substitutions.isEmpty()) e = closedForm(e);
      r = leadingExponent(e, F.symbol(symbol));
    }
    EXPONENT_CACHE.put(key, r);
    return r;
  }

  private static Exponent leadingExponent(IExpr e, ISymbol s) {
    Lead l = lead(e, s, 0);
    String name = s.getSymbolName();
    if (l.why != null) return Exponent.notPowerLaw(e + " is not a power law in " + name + ": " + l.why);
    if (l.coef.isZero()) return Exponent.notPowerLaw(e + " is identically zero");
    if (!l.exp.isRational()) {
      if (l.exp.isFree(s) && l.exp.isFree(x -> x.isSymbol() && !x.isBuiltInSymbol(), true) == false) {
        Set<String> params = new TreeSet<>();
        collect(l.exp, params);
        return Exponent.notPowerLaw("power law with exponent " + l.exp + " in " + name + ", which depends on "
            + String.join(", ", params) + ": give " + (params.size() == 1 ? "it" : "them")
            + " a value (e.g. a regime " + params.iterator().next() + ": 1/4)");
      }
      return Exponent.notPowerLaw(e + " has exponent " + l.exp + " in " + name + ", not an exact rational");
    }
    IRational q = (IRational) l.exp;
    Rational p;
    try {
      p = Rational.of(q.toBigNumerator(), q.toBigDenominator());
    } catch (ArithmeticException ex) {
      return Exponent.notPowerLaw("exponent " + q + " in " + name + " does not fit 64-bit integers");
    }
    return new Exponent(p, crossCheck(e, s, l.exp));
  }

  /** Symja's Limit(f s^-p) should be finite, nonzero and free of s; returns null when it is, else a remark. */
  private static String crossCheck(IExpr e, ISymbol s, IExpr p) {
    String limitText = "Limit((" + e + ")*" + s + "^(-(" + p + ")), " + s + "->Infinity)";
    try {
      IExpr lim = eval(limitText);
      boolean ok = lim.isFree(s) && !lim.isZero() && lim.isFree(x -> x.isInfinity() || x.isNegativeInfinity()
          || x.isComplexInfinity() || x.isIndeterminate() || x.isDirectedInfinity()
          || (x.isAST() && x.head().toString().equals("Limit")), true);
      return ok ? null : "not confirmed by Symja: " + limitText + " gives " + lim;
    } catch (Failure f) {
      return "not confirmed by Symja: " + limitText + " failed (" + f.getMessage() + ")";
    }
  }

  /** c * s^p, or a reason why the expression has no such leading term. */
  private record Lead(IExpr coef, IExpr exp, String why) {
    static Lead of(IExpr coef, IExpr exp) {
      return new Lead(coef, exp, null);
    }

    static Lead not(String why) {
      return new Lead(null, null, why);
    }
  }

  private static Lead lead(IExpr e, ISymbol s, int depth) {
    if (e.isFree(s)) return Lead.of(e, F.C0);
    if (e.equals(s)) return Lead.of(F.C1, F.C1);
    if (e.isTimes()) {
      IAST a = (IAST) e;
      IExpr coef = F.C1;
      IExpr exp = F.C0;
      for (int i = 1; i < a.size(); i++) {
        Lead l = lead(a.get(i), s, depth);
        if (l.why != null) return l;
        coef = eval(F.Times(coef, l.coef));
        exp = eval(F.Plus(exp, l.exp));
      }
      return Lead.of(coef, exp);
    }
    if (e.isPower()) {
      IExpr b = e.base();
      IExpr x = e.exponent();
      if (!x.isFree(s)) {
        return Lead.not(b.isFree(s) ? "it grows exponentially (" + e + ")" : s + " appears in the exponent of " + e);
      }
      Lead l = lead(b, s, depth);
      if (l.why != null) return l;
      if (l.coef.isZero()) return Lead.not("the base of " + e + " vanishes to leading order");
      return Lead.of(eval(F.Power(l.coef, x)), eval(F.Times(l.exp, x)));
    }
    if (e.isPlus()) {
      IAST a = (IAST) e;
      List<Lead> leads = new ArrayList<>();
      for (int i = 1; i < a.size(); i++) {
        Lead l = lead(a.get(i), s, depth);
        if (l.why != null) return l;
        leads.add(l);
      }
      IExpr best = null;
      for (Lead l : leads) {
        if (best == null) {
          best = l.exp;
        } else if (l.exp.isRational() && best.isRational()) {
          if (((IRational) l.exp).compareTo((IRational) best) > 0) best = l.exp;
        } else if (!eval("Simplify(" + l.exp + " - (" + best + "))").isZero()) {
          return Lead.not("which term of " + e + " dominates depends on the sign of "
              + eval(F.Subtract(l.exp, best)));
        }
      }
      IExpr coef = F.C0;
      for (Lead l : leads) {
        if (l.exp.equals(best) || eval("Simplify(" + l.exp + " - (" + best + "))").isZero()) {
          coef = eval(F.Plus(coef, l.coef));
        }
      }
      coef = eval("Simplify(" + coef + ")");
      if (coef.isZero()) {
        if (depth == 0) {
          IExpr expanded = eval("Simplify(Expand(Together(" + e + ")))");
          if (!expanded.equals(e)) return lead(expanded, s, depth + 1);
        }
        return Lead.not("the leading terms of " + e + " cancel (the " + s + "^" + best + " terms sum to 0); "
            + "write the law in a form without the cancellation");
      }
      return Lead.of(coef, best);
    }
    String head = e.isAST() ? ((IAST) e).head().toString() : e.getClass().getSimpleName();
    if (e.isLog() || head.equals("Log")) return Lead.not("it contains a logarithm " + e);
    return Lead.not("it contains " + head + "(...) of " + s);
  }

  /** Ordered copy, for callers that pass a plain Map. */
  static Map<String, String> ordered(Map<String, String> m) {
    return m == null ? Map.of() : new LinkedHashMap<>(m);
  }
}
