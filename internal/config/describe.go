package config

import (
	"fmt"
	"io"
	"strings"

	"afterview/stages"
)

// Example is the file 'afterview config edit' creates on first use: every
// key, commented out, with its default, so that the file changes nothing
// until the user uncomments a line.
const Example = `# afterview configuration (TOML). Every key is optional: a key left out,
# or commented out as below, takes the default shown. Check the file with
# 'afterview config check'; see every setting in effect with 'afterview config'.

[me]
# name = ""                 # your name, for the messages afterview drafts
# signature = ""            # how you sign them, e.g. "Alex Kim · +1 555 0100"

[calendar]
# Business days skip public holidays and your days off.
# holidays = "none"         # a country or region: "US", "GB", "DE", "DE-BY", "CA", "FR", ...
# days_off = []             # your own, e.g. ["2026-12-24", "2026-12-31"]
# work_week = ["mon", "tue", "wed", "thu", "fri"]

[rules]
# follow_up_opens = 7       # the one follow-up: business days after the last contact
# follow_up_due = 10
# move_on_after = 5         # business days after an unanswered follow-up
# wait_window = [7, 14]     # the usual wait for a decision, calendar days

# Your own hiring process. Give it a built-in's name (standard, netflix,
# amazon) to replace that one. Repeat [[process]] for each.
#
# [[process]]
# name = "google"
# stages = ["final interview", "hiring committee", "team match", "offer"]
# wait_window = [14, 28]    # default: [rules] wait_window
# offer_tip = ""            # shown with the offer's deadline
#
# [process.stage."team match"]
# usually = [7, 21]         # days the stage usually takes, shown as information
# task = "Prepare two questions for each team's manager"   # a prompt on entering it
# tip = "Team match can take weeks; it is not a rejection."
# offer = false             # an offer is on the table (default: the name says "offer")
# references = false        # your references are called (default: the name says "reference")
`

// Describe writes the file's path and every setting in effect, the
// defaults marked as such. today picks the years whose holidays it lists.
func (c *Config) Describe(w io.Writer, today stages.Date) {
	s := c.Settings
	status := ""
	if !c.Exists {
		status = " (no file: every setting is the default; create it with 'afterview config edit')"
	}
	fmt.Fprintf(w, "file              %s%s\n", c.Path, status)
	def := func(key string) string {
		if c.Set[key] {
			return ""
		}
		return "  (default)"
	}
	orNone := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	fmt.Fprintf(w, "\n[me]\n")
	fmt.Fprintf(w, "name              %s%s\n", orNone(c.Me.Name), def("me.name"))
	fmt.Fprintf(w, "signature         %s%s\n", orNone(c.Me.Signature), def("me.signature"))

	cal := s.Calendar
	fmt.Fprintf(w, "\n[calendar]\n")
	holidays := "none"
	if cal != nil && cal.HolidaysName != "" {
		holidays = cal.HolidaysName
	}
	fmt.Fprintf(w, "holidays          %s%s\n", holidays, def("calendar.holidays"))
	var off []string
	for _, d := range cal.DaysOff() {
		off = append(off, d.String())
	}
	fmt.Fprintf(w, "days_off          %s%s\n", orNone(strings.Join(off, ", ")), def("calendar.days_off"))
	var week []string
	for _, d := range cal.WorkWeek() {
		week = append(week, strings.ToLower(d.String()[:3]))
	}
	fmt.Fprintf(w, "work_week         %s%s\n", strings.Join(week, ", "), def("calendar.work_week"))
	fmt.Fprintf(w, "business days     %s\n", cal.Describe())
	if holidays != "none" {
		for _, y := range []int{today.Year, today.Year + 1} {
			var days []string
			for _, d := range cal.Holidays(y) {
				days = append(days, d.Short())
			}
			fmt.Fprintf(w, "holidays in %d  %s\n", y, orNone(strings.Join(days, ", ")))
		}
	}

	r := s.Rules
	fmt.Fprintf(w, "\n[rules]\n")
	fmt.Fprintf(w, "follow_up_opens   %d business days after the last contact%s\n", r.FollowUpOpens, def("rules.follow_up_opens"))
	fmt.Fprintf(w, "follow_up_due     %d business days after the last contact%s\n", r.FollowUpDue, def("rules.follow_up_due"))
	fmt.Fprintf(w, "move_on_after     %d business days after an unanswered follow-up%s\n", r.MoveOnAfter, def("rules.move_on_after"))
	fmt.Fprintf(w, "wait_window       %d to %d days after the final interview%s\n", r.WaitWindow.Min, r.WaitWindow.Max, def("rules.wait_window"))

	fmt.Fprintf(w, "\n[processes]       (afterview processes lists their stages)\n")
	for _, t := range s.Processes() {
		fmt.Fprintf(w, "%-17s %s\n", t.Name, Source(t))
	}
}

// Source says where a process comes from.
func Source(t *stages.Template) string {
	switch {
	case t.Builtin:
		return "built-in"
	case t.Replaces:
		return "yours, in place of the built-in"
	}
	return "yours"
}

// DescribeProcesses writes every process with its stages, window, and each
// stage's usual duration, task and tip.
func DescribeProcesses(w io.Writer, s *stages.Settings) {
	for i, t := range s.Processes() {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s) · wait %d to %d days\n", t.Name, Source(t), t.Window.Min, t.Window.Max)
		for j, st := range t.Stages {
			var marks []string
			if st.Offer {
				marks = append(marks, "offer")
			}
			if st.References {
				marks = append(marks, "references")
			}
			if st.Usually != (stages.Window{}) {
				marks = append(marks, fmt.Sprintf("usually %d-%d days", st.Usually.Min, st.Usually.Max))
			}
			line := fmt.Sprintf("  %d. %s", j+1, st.Name)
			if len(marks) > 0 {
				line += "  (" + strings.Join(marks, ", ") + ")"
			}
			fmt.Fprintln(w, line)
			if st.Task != "" {
				fmt.Fprintf(w, "       task: %s\n", st.Task)
			}
			if st.Tip != "" {
				fmt.Fprintf(w, "       tip:  %s\n", st.Tip)
			}
		}
		if t.OfferTip != "" {
			fmt.Fprintf(w, "  offer tip: %s\n", t.OfferTip)
		}
	}
}

// WriteExample creates the example file at path, and its folder, unless a
// file is there already. created says whether it wrote one.
func WriteExample(path string) (created bool, err error) {
	return writeNew(path, []byte(Example))
}
