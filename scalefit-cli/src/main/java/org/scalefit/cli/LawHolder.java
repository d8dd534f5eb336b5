package org.scalefit.cli;

import picocli.CommandLine.ArgGroup;

/** Mixes the law options into a command. */
final class LawHolder {
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Law:%n")
    LawOptions law;
}
