package dev.tourniquet.it;

/** A lane of {@link FaultIT}'s scenarios: it plays those it claims first ({@link FaultLanes}). */
class FaultLane1IT extends FaultIT {}
