// Package demo generates the data of the kiosk's built-in demo event, the
// 85th INTERPOL General Assembly (Nusa Dua, Bali, 7-10 November 2016), at
// any scale.
//
// The event's facts, the member countries and the speakers of the opening
// ceremony are real; everything else (most delegates, their positions, the
// timetable, the rooms) is synthetic and only meant to look plausible. The
// generator is deterministic: the same Options always give the same data,
// so tests, screenshots and benchmarks can rely on it.
package demo
