package scalecheck.check;

/**
 * The answer of one check: the data agree with the law, contradict it, or cannot decide; or {@link
 * #REFUSED}, which is no verdict at all.
 */
public enum Verdict {
  PASS,
  FAIL,
  INCONCLUSIVE,
  /**
   * Not a verdict: the check was refused as bad input (its {@code file:line: field: what is wrong}
   * message is the result's reason), nothing was run or fitted, and the command exits 2.
   */
  REFUSED;

  /** True for PASS, FAIL and INCONCLUSIVE: the check ran and was judged. */
  public boolean judged() {
    return this != REFUSED;
  }
}
