package dev.retort.runtime;

import dev.retort.revision.Direction;
import dev.retort.revision.Step;

/** The words Alembic uses for a step: {@code Running upgrade a1b2 -> c3d4, add user phone number}. */
public final class StepText {
    private StepText() {
    }

    public static String describe(Step step) {
        String parents = String.join(", ", step.revision().downRevisions());
        String id = step.revision().id();
        boolean up = step.direction() == Direction.UPGRADE;
        // As Alembic: "upgrade -> id" from base, "downgrade id -> , message" back to it.
        String arrow = up ? (parents + " -> " + id).strip() : id + " -> " + parents;
        String message = step.revision().message();
        return "Running " + (up ? "upgrade " : "downgrade ") + arrow + (message.isEmpty() ? "" : ", " + message);
    }
}
