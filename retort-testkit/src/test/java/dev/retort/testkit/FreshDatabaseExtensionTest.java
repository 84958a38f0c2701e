package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

class FreshDatabaseExtensionTest {
    @Test
    void aParameterThatIsNotAStringIsReportedByName() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(WrongType.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);

        assertThat(listener.getSummary().getTestsFailedCount()).isEqualTo(1);
        assertThat(listener.getSummary().getFailures().get(0).getException())
                .hasMessageContaining("port")
                .hasMessageContaining("must be a String, not int");
    }

    /** Run only by the launcher above; the nested class name keeps Surefire from running it on its own. */
    static class WrongType {
        @Test
        void wantsAPort(@FreshDatabase int port) {
        }
    }
}
