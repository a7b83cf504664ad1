/**
 * The link between a NIC driver and the router: two processes that share nothing, so Ethernet
 * frames travel between them the only way anything travels in PackOS, as IPv6 (UDP) packets on
 * the KAN. The driver owns the card; the router owns the IP layer. Either can crash and restart
 * without the other: the router re-attaches, the driver forgets an attachment that fails.
 */
package packos.lib.link;
