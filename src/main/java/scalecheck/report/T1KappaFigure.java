package scalecheck.report;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import scalecheck.check.RunRecord;

/**
 * The time t1 at which the dynamics leaves the tangent space against kappa (Geiger et al. 2020), one
 * panel per recorded definition of t1, one seed-averaged curve per width; each panel's dashed slope is
 * the one the results predict for that probe ({@link Kappa#slope}), drawn only when one does.
 */
final class T1KappaFigure extends ReportPart.Figures {
  static final String LOSS_HALF = "t1.loss_half";
  static final String KERNEL = "t1.kernel";

  T1KappaFigure() {
    super("t1 against kappa", Section.TIME);
  }

  /** The slope of t1 in kappa the results predict: for t1.loss_half, else for t1.kernel; null if neither. */
  static Kappa.Slope slope(ReportData d) {
    Kappa.Slope s = d.kappa().slope(d.checks(), LOSS_HALF);
    return s != null ? s : d.kappa().slope(d.checks(), KERNEL);
  }

  @Override
  void drawReport(ReportData d, Drawn out) {
    Kappa kappa = d.kappa();
    List<JFreeChart> panels = new ArrayList<>();
    StringBuilder theory = new StringBuilder();
    for (String probeName : List.of(LOSS_HALF, KERNEL)) {
      List<RunRecord> rs = d.deep().stream().filter(r -> Runs.positive(Runs.probe(r, probeName))
          && Runs.positive(kappa.of(r)) && Runs.width(r) != null).toList();
      if (Runs.distinct(rs, r -> Runs.round(kappa.of(r))) < 2) continue;
      String label = probeName.equals(LOSS_HALF) ? "t1: loss at half its initial value"
          : "t1: kernel change reaches its level";
      Kappa.Slope s = kappa.slope(d.checks(), probeName);
      String law = s == null ? null : "t1 ~ " + Exponents.power(Kappa.NAME, s.value());
      panels.add(KappaCollapseFigure.byWidth(label, rs, kappa, probeName, probeName, s,
          s == null ? null : "predicted " + law));
      theory.append(s == null ? " No result of this report predicts how " + probeName + " scales: no dashed line."
          : " Theory for " + probeName + ": " + law + " (dashed, slope " + s.value() + "), from " + kappa.origin(s) + ".");
    }
    if (panels.isEmpty()) {
      out.skip("t1 against kappa: no runs with probe t1.loss_half or t1.kernel at two or more kappa values");
      return;
    }
    String cap = "Time t1 at which the dynamics leaves the tangent space, against " + kappa.axis() + ", seed means, "
        + "one curve per width. Two definitions are recorded: the first time the training loss falls to half its "
        + "initial value, and the first time the relative kernel change reaches a fixed level." + theory
        + " t1 is measured on the feature side where the run lasts beyond t1 (Geiger et al. 2020).";
    out.add(new Figure(section(), "t1-kappa", "t1 against kappa", cap, panels,
        panels.size() == 1 ? Figure.WIDTH : Figure.WIDE, Figure.HEIGHT, null));
  }
}
