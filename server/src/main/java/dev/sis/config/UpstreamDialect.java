package dev.sis.config;

/**
 * Which routes an agent uses to reach its server ({@code --upstream-dialect}).
 * <ul>
 *   <li>{@link #AUTO}: asks the server once at start, and again after a failure, whether it
 *       speaks sis's store routes; falls back to sis 2.0's when it does not.</li>
 *   <li>{@link #SIS}: sis's store routes ({@code /internal/v1/…}) only, never asked.</li>
 *   <li>{@link #SIS2}: sis 2.0's routes only ({@code /derect_up}, {@code /simple_down},
 *       {@code /full_down}): no deletes, no names, no variants kept by the server.</li>
 * </ul>
 */
public enum UpstreamDialect { AUTO, SIS, SIS2 }
