package org.scalefit.cli;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.law.FixedParameters;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Option;

/** {@code --fix NAME=VALUE}: parameters held at a value while the others are fitted. */
final class FixOptions {
    @Option(names = "--fix", paramLabel = "NAME=VALUE[,NAME=VALUE...]",
            description = "hold a parameter at a value (within its bounds) while the others are fitted, e.g."
                    + " --fix E=1.69 or --fix alpha=0.34,beta=0.28; repeatable")
    List<String> fixes = new ArrayList<>();

    /** The law with the held parameters (the law itself without --fix). */
    Law apply(Law law) {
        return fixes.isEmpty() ? law : law.withFixed(FixedParameters.parse(fixes, "--fix"));
    }
}
