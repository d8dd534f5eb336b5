package org.scalefit.core.law;

/**
 * A catalogue entry that is a method rather than a law with parameters (e.g. observational scaling's PCA over
 * benchmark scores, or an inference-aware optimisation): listed so that a user who looks for it learns where
 * it is done, or that it is not done yet.
 *
 * @param entry  the catalogue entry id in {@code ../shared/laws/catalogue.json}
 * @param howTo  the command that does it, or why it is not supported yet
 */
public record Procedure(String id, String name, String citation, String entry, String howTo) {
}
