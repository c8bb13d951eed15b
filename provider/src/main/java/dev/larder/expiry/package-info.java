/**
 * Time: the {@link dev.larder.expiry.Ticker} every deadline is read from, and the hierarchical
 * {@link dev.larder.expiry.TimerWheel} that finds expired entries during maintenance.
 */
package dev.larder.expiry;
