package scalecheck.check;

import java.util.List;

/** A whole verification: every check's result, every run behind them, and the provenance. */
public record VerifyOutcome(List<CheckResult> checks, List<RunRecord> runs, Provenance provenance) {}
