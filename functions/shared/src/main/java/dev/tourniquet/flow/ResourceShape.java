package dev.tourniquet.flow;

/**
 * What a resource looks like, for bounding the sweep of a credential implicated only as the creator of one flagged
 * resource: what it made that looks like the flagged one is judged with it; the rest (a CI key's ordinary deploys)
 * is left alone.
 */
sealed interface ResourceShape {

    /** Whether this resource is of the same shape as {@code flagged}. */
    boolean like(ResourceShape flagged);

    /** A short description for alerts. */
    String describe();

    /**
     * A function's shape: the same code package (SHA-256), or the same runtime, memory and timeout all at once — a
     * miner copied under another name keeps its code, or at least the settings it needs to mine (the largest memory,
     * the longest timeout) that ordinary functions rarely share all three of.
     */
    record Function(String codeSha256, String runtime, int memoryMb, int timeoutSeconds) implements ResourceShape {
        @Override
        public boolean like(ResourceShape flagged) {
            return flagged instanceof Function other && (!codeSha256.isEmpty() && codeSha256.equals(other.codeSha256)
                    || runtime.equals(other.runtime) && memoryMb == other.memoryMb
                    && timeoutSeconds == other.timeoutSeconds);
        }

        @Override
        public String describe() {
            return runtime + ", " + memoryMb + " MB, " + timeoutSeconds + " s, code " + codeSha256;
        }
    }

    /** An instance's shape: the same instance type and the same image. */
    record Instance(String instanceType, String imageId) implements ResourceShape {
        @Override
        public boolean like(ResourceShape flagged) {
            return flagged instanceof Instance other && instanceType.equals(other.instanceType)
                    && imageId.equals(other.imageId);
        }

        @Override
        public String describe() {
            return instanceType + " from " + imageId;
        }
    }
}
