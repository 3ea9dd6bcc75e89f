// Package agenda joins the store and the prompt engine: it owns what is
// derived from the applications and answers "what to do today" from it.
//
// It keeps, beside the store's records and in the same bbolt transaction
// as each write (it is the store's Deriver, see store.WithDeriver), the
// active and lapse index (index.go: which applications a day's prompts
// depend on) and the prompt cache (owncache.go: what each of them brings
// to any day's prompts, stages.Own). From them it gives the day's prompts
// (Prompts, ActionablePrompts), one application's (AppPrompts), the list
// order (ListOpen), the UI's first screen (FirstScreen) and the active set
// with its prompts (ActiveSnapshot, ActiveDay), each in one read.
//
// The cached records are worth nothing once the rules that made them
// change, so each is written under a context: a hash of ownVersion, the
// settings' key (the digest of the resolved settings, see
// config.SettingsKey) and the zone's rules (zoneRules: its offsets from
// 1970 to 2100, not its name). A record under another context is not
// used: the application is decoded and its prompts worked out again, and
// a read that finds many such rewrites them. The index is stamped with
// activeIndexVersion and the store's revision, and rebuilt when either
// moved without it. TestDerivedDigests fails, saying which version to bump,
// when the derived records of generated data change and the versions did
// not.
//
// An Agenda embeds the *store.Store it opened, so that a caller reads and
// writes the data through it and the derived records can never be left
// behind. The agenda reads no environment variable and keeps no clock:
// the caller gives both (WithClock, WithZone).
package agenda
