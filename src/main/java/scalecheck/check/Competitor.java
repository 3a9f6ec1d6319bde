package scalecheck.check;

/** A competing prediction for a contested law, and how the same data judge it. */
public record Competitor(String law, String predicted, Verdict verdict, String reason) {}
