package scalecheck.check;

import scalecheck.theory.Rational;

/** A competing prediction for a contested law, and how the same data judge it. */
public record Competitor(String law, Rational predicted, Verdict verdict, String reason) {}
