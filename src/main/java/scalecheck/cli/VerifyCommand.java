package scalecheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the verify command lands. */
@Command(name = "verify", description = "(not built yet)")
public final class VerifyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("verify: not built yet");
    return 2;
  }
}
