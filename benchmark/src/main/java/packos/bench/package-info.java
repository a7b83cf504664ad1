/**
 * The benchmark command's measurements and its comparison table.
 *
 * <p>Linux figures are measured in the same run as PackOS figures, because absolute times
 * drift between machines and only ratios measured together mean anything. Every Linux
 * baseline uses the IPv6 loopback {@code [::1]} and nothing else.
 */
package packos.bench;
