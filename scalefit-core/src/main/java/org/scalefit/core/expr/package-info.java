/**
 * Scaling-law formulas: parsing, exact symbolic derivatives, and compilation to fast column-wise code.
 *
 * <h2>Language</h2>
 * <ul>
 *   <li>Numbers {@code 1}, {@code 1.5}, {@code .5}, {@code 1e-3}, {@code 6.02E23}; names
 *       {@code [A-Za-z_][A-Za-z0-9_]*}. A name followed by {@code (} is a function call, otherwise a
 *       symbol, so a parameter may be called {@code e} or {@code exp_rate}.</li>
 *   <li>Operators, loosest first: {@code + -}, {@code * /}, unary {@code - +}, {@code ^} (or {@code **}).
 *       {@code ^} is right-associative and binds tighter than a unary minus on its left
 *       ({@code -x^2 = -(x^2)}, {@code 2^3^2 = 512}) but its exponent may start with a sign
 *       ({@code x^-alpha}).</li>
 *   <li>Functions: {@code exp, log} (natural; alias {@code ln}), {@code log10, log2, sqrt, abs, tanh,
 *       sigmoid, softplus, sign, min(a,b), max(a,b), pow(a,b)} and {@code if_le(a,b,x,y)} (= a &lt;= b ? x : y,
 *       which derivatives of min and max print as).</li>
 * </ul>
 *
 * <h2>Numerics</h2>
 * Domain errors give NaN or infinities, never exceptions; callers check finiteness. In compiled code
 * {@code u^v} with a non-constant exponent is computed as {@code exp(v*log(u))}, which is NaN for
 * {@code u < 0} even where {@link java.lang.Math#pow} would accept an integral exponent (a negative
 * <em>constant</em> base keeps {@code Math.pow}); scaling-law bases are positive.
 */
package org.scalefit.core.expr;
