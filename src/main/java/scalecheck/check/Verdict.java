package scalecheck.check;

/** The answer of one check: the data agree with the law, contradict it, or cannot decide. */
public enum Verdict { PASS, FAIL, INCONCLUSIVE }
