//go:build race

package store

// raceDetector: the race detector slows decoding tenfold, so that tests at
// 100,000 applications run at a lower limit under it (see appLimit).
const raceDetector = true
