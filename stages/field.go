package stages

import "errors"

// Field names a detail a person types, so that an error can say which one
// is wrong: a form shows the error under that field, the command line
// names it in its message.
type Field string

// The fields validation names. A form's fields carry the same names.
const (
	FieldCompany      Field = "company"
	FieldRole         Field = "role"
	FieldProcess      Field = "process"
	FieldInterview    Field = "interview" // the final interview's date and time
	FieldInterviewers Field = "interviewers"
	FieldRecruiter    Field = "recruiter"
	FieldPromised     Field = "promised" // the date the recruiter promised
	FieldNotes        Field = "notes"    // the application's own notes
	FieldThanked      Field = "thanked"  // the thank-yous already sent, when adding
	FieldStage        Field = "stage"
	FieldOutcome      Field = "outcome"
	FieldPerson       Field = "person" // who a thank-you went to
	FieldNote         Field = "note"   // an event's note
	FieldWhen         Field = "when"   // when an event happened
)

// FieldError is a mistake in one field. Its message is the whole sentence,
// field name included where it reads well ("company: a name is needed").
type FieldError struct {
	Field Field
	Err   error
}

func (e *FieldError) Error() string { return e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// fieldErr ties err to a field; nil stays nil.
func fieldErr(f Field, err error) error {
	if err == nil {
		return nil
	}
	return &FieldError{Field: f, Err: err}
}

// Mistakes flattens err, one error or several joined with errors.Join,
// into its mistakes, in order.
func Mistakes(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Mistakes(e)...)
		}
		return out
	}
	return []error{err}
}

// FieldOf says which field a mistake is about, if it names one.
func FieldOf(err error) (Field, bool) {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Field, true
	}
	return "", false
}
