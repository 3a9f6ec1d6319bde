package scalecheck.sim;

/** How a run ended: its stop rule was met, it produced NaN or infinity, or it hit a time/step limit first. */
public enum RunStatus { OK, DIVERGED, LIMIT }
