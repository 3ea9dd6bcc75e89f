package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"afterview/stages"
)

// SettingsKey names resolved settings for the prompt cache (see
// stages.Settings.Key): a digest of everything the rules read from them,
// the rule numbers, the work week, the days off, every process with its
// stages, and the holiday calendar by its code and holidaysVersion (the
// days a code gives change only with the library, which holidaysVersion
// follows; TestHolidaysDigest). Settings that resolve to the defaults are
// named "default", as no file at all is. It costs a few microseconds, once
// per command.
func SettingsKey(s *stages.Settings) string {
	if s == nil || s == stages.DefaultSettings() {
		return "default"
	}
	if k := resolvedKey(s, holidaysVersion); k != defaultKey {
		return k
	}
	return "default"
}

// defaultKey is resolvedKey of the defaults.
var defaultKey = resolvedKey(stages.DefaultSettings(), holidaysVersion)

// resolvedKey is the digest of s, its holiday lists taken at version.
func resolvedKey(s *stages.Settings, version int) string {
	resolved := struct {
		Rules           stages.Rules
		WorkWeek        []time.Weekday
		DaysOff         []stages.Date
		Holidays        string `json:",omitempty"`
		HolidaysVersion int    `json:",omitempty"`
		Processes       []*stages.Template
	}{Rules: s.Rules, WorkWeek: s.Calendar.WorkWeek(), DaysOff: s.Calendar.DaysOff(), Processes: s.Processes()}
	if s.Calendar != nil && s.Calendar.HolidaysName != "" {
		resolved.Holidays, resolved.HolidaysVersion = s.Calendar.HolidaysName, version
	}
	b, err := json.Marshal(resolved)
	if err != nil {
		// Plain values always marshal; an empty key caches nothing.
		return ""
	}
	sum := sha256.Sum256(b)
	return "settings " + hex.EncodeToString(sum[:16])
}
