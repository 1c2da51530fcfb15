package org.volsched.cli;

import java.util.ArrayList;
import java.util.List;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.replay.Fleet;

/** A trace's fleet read from a scenario file: its backends and its {@code config}; its request is not used. */
final class FleetFiles {
    private FleetFiles() {
    }

    /**
     * @throws UserError every problem of the scenario, each naming the file and the field path
     */
    static Fleet read(String file) {
        Scenario scenario;
        try {
            scenario = ScenarioInput.read(file);
        } catch (ScenarioException e) {
            throw new UserError(e.problems());
        }
        return of(scenario, ScenarioInput.source(file));
    }

    static Fleet of(Scenario scenario, String source) {
        List<Fleet.Backend> backends = new ArrayList<>();
        for (Scenario.Backend b : scenario.backends()) {
            backends.add(new Fleet.Backend(b.host(), b.clusterName(), b.availabilityZone(), b.up(), b.disabled(),
                    b.frozen(), b.volumeCount(), b.capabilities()));
        }
        return new Fleet(source, scenario.config(), backends);
    }
}
