package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/internal/outfile"
	"afterview/store"
)

func (e *env) newBackupCommand() *cobra.Command {
	var force bool
	return e.newCommand(spec{
		use:     "backup [FILE] [--force]",
		summary: "copy the database to a backup file, safely while in use",
		long:    backupLong,
		after:   backupAfter,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&force, "force", false, "replace FILE if it already exists")
		},
		run: func(args []string) error { return cmdBackup(e, force, args) },
	})
}

const backupLong = `Writes a consistent copy of the database to FILE while afterview may be in
use: the copy is written beside FILE, synced and renamed into place, so FILE
is never half-written. Without FILE the copy goes next to the database, as
afterview.db.backup-YYYYMMDD-HHMMSS; FILE may also be a folder to put that
copy in, or a device or pipe to write it to.`

const backupAfter = `To restore, while no afterview is running, copy the backup over the database:
  cp afterview.db.backup-20261120-090000 ~/.local/share/afterview/afterview.db
or load it into the database in use, replacing what it holds:
  afterview --db afterview.db.backup-20261120-090000 export | afterview import - --replace
`

func cmdBackup(e *env, force bool, pos []string) error {
	if len(pos) > 1 {
		return usageErr("backup takes at most one file, e.g. afterview backup ~/afterview-backup.db")
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	dst := store.BackupName(st.Path(), e.now())
	if len(pos) == 1 {
		dst = pos[0]
		if info, err := os.Stat(dst); err == nil && info.IsDir() {
			dst = filepath.Join(dst, filepath.Base(store.BackupName(st.Path(), e.now())))
		}
		// An existing file may be the only good copy someone has: it is
		// replaced only when asked. (The default name is ours, and new.)
		if info, err := os.Stat(dst); err == nil && info.Mode().IsRegular() && !force {
			if si, err := os.Stat(st.Path()); err != nil || !os.SameFile(si, info) {
				return usageErr("%s already exists: add --force to replace it with a new backup, or name another file", clean(dst))
			}
		}
	}
	defer outfile.RemoveOnSignal()()
	if err := st.Backup(dst); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s.\n", clean(st.Path()), clean(dst))
	return nil
}
