package stages

// A screen of the day (the terminal UI's, over a long history) is read in
// two steps, each in one transaction of the store, so that the first
// frame costs what it shows: FirstScreen, then ActiveDay. The store fills
// them and the UI reads them: they are here, where both can name them.

// FirstScreen is what the first screen shows: the day's prompts, the
// applications of the first to-dos, and the counts of the header.
type FirstScreen struct {
	// Revision is the revision the rest was read at.
	Revision uint64
	// Prompts are the day's prompts to do today, ranked: what Actionable
	// gives. When there is none, they are every prompt of the day,
	// upcoming included (what Prompts gives), for a screen that says what
	// comes next; All says so.
	Prompts []Prompt
	// All reports that Prompts holds the upcoming prompts too.
	All bool
	// Next is the first upcoming prompt (nil if none).
	Next *Prompt
	// Apps are, by id, the applications of the first to-dos asked for and
	// those whose offers these to-dos name (a competing offer's draft
	// quotes their deadlines).
	Apps []Application
	// Global are the events about no application.
	Global []Event
	// Open is the number of open applications, Offers of open offers.
	Open, Offers int
	// Empty reports a store that holds no application at all.
	Empty bool
}

// ActiveDay is what the day's prompts depend on, with those prompts.
type ActiveDay struct {
	// Apps are the applications the day's prompts depend on: every open
	// one, and the closed ones whose prompts can still show that day (see
	// PromptsUntil).
	Apps []Application
	// Global are the events about no application.
	Global []Event
	// Empty reports a store that holds no application at all.
	Empty bool
	// All reports that Apps is every application in the store: nothing is
	// left to load.
	All bool
	// Prompts are the day's prompts, upcoming included, ranked: what
	// Prompts gives on Apps.
	Prompts []Prompt
	// Revision is the revision the rest was read at.
	Revision uint64
}
