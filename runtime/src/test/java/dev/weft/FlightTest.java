package dev.weft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** The runtime's JFR events stay off unless a recording names them. */
class FlightTest {

    /** What {@code -XX:StartFlightRecording} with the JDK's settings records: none of Weft's per-step events. */
    @Test
    void aRecordingWithTheJdksOwnSettingsLeavesTheEventsOff() throws Exception {
        for (String settings : new String[] {"default", "profile"}) {
            try (Recording recording = new Recording(Configuration.getConfiguration(settings))) {
                recording.start();
                assertFalse(Flight.anyEnabled(), settings + " settings turned Weft's events on");
            }
        }
    }

    @Test
    void aRecordingThatNamesAnEventTurnsItOn() {
        try (Recording recording = new Recording()) {
            recording.enable("dev.weft.TaskStep");
            recording.start();
            assertTrue(Flight.anyEnabled());
        }
        assertFalse(Flight.anyEnabled());
    }
}
