package dev.retort.runtime;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the session reset ({@code SessionReset}, which every step of a run passes through) costs the main thread of a
 * fresh JVM: its class's start, its first pass over the upgrades of the SQL migrations in {@code DIR} (interpreted,
 * as a run meets them) and a third pass (compiled), in milliseconds of thread CPU time, which a busy machine moves
 * less than wall time. The steps are rendered twice before, as the loader has made the renderer warm by then.
 * Package-private access needs the class path, not the source launcher:
 * {@code javac -d CLASSES -cp "retort-cli/target/lib/*" bench/SessionResetCost.java}, then, with the launcher's
 * JVM flags, {@code java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -cp
 * "CLASSES:retort-cli/target/lib/*" dev.retort.runtime.SessionResetCost DIR} a few times (medians).
 */
public final class SessionResetCost {
    public static void main(String[] args) throws Exception {
        List<List<Operation>> steps = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String text = Files.readString(file);
                int up = text.indexOf("-- +upgrade");
                int down = text.indexOf("-- +downgrade");
                steps.add(List.of(new Execute(text.substring(up + "-- +upgrade".length(), down < 0 ? text.length()
                        : down))));
            }
        }
        PostgresDialect dialect = new PostgresDialect();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int kept = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (List<Operation> step : steps) {
                kept += dialect.render(step.get(0)).size();
            }
        }
        long start = cpu.getCurrentThreadCpuTime();
        Class.forName("dev.retort.runtime.SessionReset", true, SessionResetCost.class.getClassLoader());
        StringBuilder out = new StringBuilder(
                String.format("start %.1f", (cpu.getCurrentThreadCpuTime() - start) / 1e6));
        for (int pass = 1; pass <= 3; pass++) {
            long before = cpu.getCurrentThreadCpuTime();
            for (List<Operation> step : steps) {
                kept += SessionReset.appendedTo(step, dialect, "5s", "0").size();
            }
            if (pass != 2) {
                out.append(String.format(" pass%d %.1f", pass, (cpu.getCurrentThreadCpuTime() - before) / 1e6));
            }
        }
        System.out.println(out + " ms (" + steps.size() + " steps, " + kept + ")");
    }
}
