package org.volsched.core.pipeline;

import java.util.List;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/** Combines weighers into a ranking ({@code scheduler_weight_handler}). */
public interface WeightHandler {
    /** The candidates, best first. Empty input gives an empty list. */
    List<WeighedPool> weigh(Candidates candidates, List<BackendWeigher> weighers, FilterProperties properties,
                            DecisionTrace trace);
}
