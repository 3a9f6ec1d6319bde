package scalecheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the derive command lands. */
@Command(name = "derive", description = "(not built yet)")
public final class DeriveCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("derive: not built yet");
    return 2;
  }
}
