package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The 2D teacher-student of Chizat et al. (2019): student (alpha/n) sum a_i ReLU(&lt;w_i, x&gt;) at
 * alpha = 1 and tiny width drives the squared loss down and its input weights turn toward the
 * teacher directions (cosine to the nearest teacher direction, weighted by |a_i| |w_i|).
 */
class TeacherStudentTest {

  @Test
  void richStudentFitsAndAlignsWithTheTeacher() {
    double[] ws = new double[6], as = new double[3];
    Dataset data = SimFixtures.teacher2d(3, 400, 100, ws, as, 5);
    int n = 20;
    RunSpec s = new RunSpec(new ModelSpec(1, n, "relu", false, 1, "mf", 1.0, 1, false, false),
        DataSpec.defaults().withKind("teacher2d").withD(2).withTrain(400).withTest(100),
        DynamicsSpec.defaults().withKind("gd").withLr(20).withLoss("squared").withLossNormalised(false)
            .withStop("time").withMaxTime(2000).withKeepTrajectories(true), 3, 5);
    RunResult r = new Run(s, data).run();
    assertEquals(RunStatus.OK, r.status());
    assertTrue(r.probes().get("loss.train") < 0.25 * r.probes().get("loss.init"),
        "loss " + r.probes().get("loss.init") + " -> " + r.probes().get("loss.train"));
    double[] tw = r.series().get("traj.w"), ta = r.series().get("traj.a");
    int last = r.series().get("traj.t").length - 1;
    assertEquals((last + 1) * n * 2, tw.length);
    double before = alignment(tw, ta, 0, n, ws), after = alignment(tw, ta, last, n, ws);
    assertTrue(after > before + 0.2, "alignment " + before + " -> " + after);
  }

  @Test
  void onlineSgdOnTheTeacherDataFitsAtAlphaOneAndDivergesWithTooLargeAStep() {
    RunSpec s = new RunSpec(new ModelSpec(1, 20, "relu", false, 1, "mf", 1.0, 1, false, false),
        DataSpec.defaults().withKind("teacher2d").withTrain(400).withTest(100).withK(3),
        DynamicsSpec.defaults().withKind("sgd").withBatch(64).withLr(20).withLoss("squared")
            .withLossNormalised(false).withStop("time").withMaxTime(2000), 3, 5);
    RunResult r = Simulator.run(s);
    assertEquals(RunStatus.OK, r.status(), r.reason());
    assertEquals(100, r.steps());
    assertTrue(r.probes().get("loss.train") < 0.1 * r.probes().get("loss.init"),
        "loss " + r.probes().get("loss.init") + " -> " + r.probes().get("loss.train"));
    // alpha = 10 with the same unnormalised step: the output moves alpha^2 times faster
    RunResult big = Simulator.run(s.withModel(s.model().withAlpha(10)));
    assertEquals(RunStatus.DIVERGED, big.status());
    assertTrue(big.reason().endsWith("at step " + (big.steps() + 1)), big.reason());
  }

  static double alignment(double[] tw, double[] ta, int ck, int n, double[] ws) {
    double num = 0, den = 0;
    for (int i = 0; i < n; i++) {
      double wx = tw[ck * n * 2 + 2 * i], wy = tw[ck * n * 2 + 2 * i + 1], nw = Math.hypot(wx, wy);
      double best = -1;
      for (int j = 0; j < ws.length / 2; j++) {
        best = Math.max(best, (wx * ws[2 * j] + wy * ws[2 * j + 1]) / (nw * Math.hypot(ws[2 * j], ws[2 * j + 1])));
      }
      double weight = Math.abs(ta[ck * n + i]) * nw;
      num += weight * best;
      den += weight;
    }
    return num / den;
  }
}
