package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bad specs are rejected before any work, with the dotted field first in the message. */
class ValidateTest {

  static RunSpec ok() {
    return new RunSpec(ModelSpec.defaults(), DataSpec.defaults(), DynamicsSpec.defaults(), 1, 2);
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("model.width", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withWidth(0))),
        Arguments.of("model.depth", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withDepth(0))),
        Arguments.of("model.alpha", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withAlpha(0))),
        Arguments.of("model.alpha", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withAlpha(Double.NaN))),
        Arguments.of("model.activation", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withActivation("gelu"))),
        Arguments.of("model.param", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withParam("mupp"))),
        Arguments.of("model.abc", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withParam("abc"))),
        Arguments.of("model.abc", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withAbc("a: 0 1/2 1 1"))),
        Arguments.of("model.abc", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withParam("abc").withDepth(1).withAbc("a: 0 x"))),
        Arguments.of("model.kappa", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withParam("kappa").withKappa(-1))),
        Arguments.of("model.beta", (UnaryOperator<RunSpec>) s -> s.withModel(s.model().withActivation("softplus").withBeta(0))),
        Arguments.of("data.kind", (UnaryOperator<RunSpec>) s -> s.withData(s.data().withKind("imagenet"))),
        Arguments.of("data.train", (UnaryOperator<RunSpec>) s -> s.withData(s.data().withTrain(0))),
        Arguments.of("data.path", (UnaryOperator<RunSpec>) s -> s.withData(s.data().withKind("csv").withPath("target/no-such-file.csv"))),
        Arguments.of("dynamics.kind", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withKind("adam"))),
        Arguments.of("dynamics.loss", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withLoss("xent"))),
        Arguments.of("dynamics.lr", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withLr(Double.NaN))),
        Arguments.of("dynamics.adaptive", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withAdaptive("rk4"))),
        Arguments.of("dynamics.tau", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withKind("momentum").withTau(0))),
        Arguments.of("dynamics.stop", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withStop("never"))),
        Arguments.of("dynamics.maxTime", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withMaxTime(Double.NaN))),
        Arguments.of("dynamics.checkpoints", (UnaryOperator<RunSpec>) s -> s.withDynamics(s.dynamics().withCheckpoints(1))),
        Arguments.of("dynamics.ntk", (UnaryOperator<RunSpec>) s -> s.withData(s.data().withTrain(200_000)).withDynamics(s.dynamics().withNtk(true))));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void rejectsWithTheField(String field, UnaryOperator<RunSpec> change) {
    RunSpec s = change.apply(ok());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simulator.validate(s));
    assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Simulator.run(s));
  }

  @Test
  void acceptsTheDefaultsAndEstimatesMemory() {
    Simulator.validate(ok());
    // weights alone: n d + (L-1) n^2 + n doubles, at least three copies (w0, w, grad)
    long n = 256, weights = 8 * (n * 10 + 2 * n * n + n);
    long est = Simulator.estimateBytes(ok());
    assertTrue(est >= 3 * weights, "estimate " + est);
    long withGram = Simulator.estimateBytes(ok().withDynamics(ok().dynamics().withNtk(true)));
    assertTrue(withGram - est >= 8L * 256 * 256, "Gram not counted");
  }
}
