package org.tend.node.api.patterns;

/** How many times one thing appeared. */
public record Tally(String label, int count) {}
