/**
 * Benchmarks and load tools (compiled with the tests, run by {@code host/src/jmh/bench.sh}); the
 * numbers and conditions go to {@code docs/performance.md}.
 */
package dev.kryten.llm.bench;
