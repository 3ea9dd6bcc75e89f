// Package boltcheck checks a bbolt file's b-tree as one transaction sees
// it, page by page, with plain reads: bbolt's own check and more, for a
// backup that must not copy a damaged file. It knows bbolt's page layout and
// nothing of what the records mean: the caller decodes each record.
package boltcheck

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// Check walks the b-tree of transaction txid in f (size bytes long) and
// calls record with every record of every bucket. It reads the file with
// plain reads, never through a memory map, so damage cannot fault; it
// visits each page at most once, so a page that points back up the tree
// cannot make it loop; and what it holds is a bit per page and the page it
// reads, so its time and memory grow with the file's size, not with what a
// damaged page claims.
func Check(f *os.File, size int64, txid uint64, record func(bucket string, key, value []byte) error) error {
	c := &checker{record: record, f: f, size: size}
	return c.run(txid)
}

type checker struct {
	record   func(bucket string, key, value []byte) error
	f        *os.File
	size     int64
	pageSize int64
	hwm      uint64 // pages below it are in use or free
	seen     []uint64
}

const (
	branchPage   = 0x01
	leafPage     = 0x02
	metaPage     = 0x04
	freelistPage = 0x10
	bucketLeaf   = 0x01
	noFreelist   = ^uint64(0)
	metaMagic    = 0xED0CDAED
)

func (c *checker) run(txid uint64) error {
	// The meta page of tx's transaction: of the two, the one with its id.
	var meta []byte
	for _, off := range []int64{0, -1} {
		head := make([]byte, 128)
		if off < 0 {
			// The second meta page is one page in; the first says how
			// long a page is.
			if c.pageSize == 0 {
				break
			}
			off = c.pageSize
		}
		if _, err := c.f.ReadAt(head, off); err != nil {
			return fmt.Errorf("its meta page at byte %d cannot be read: %v", off, err)
		}
		m := head[16:]
		if binary.LittleEndian.Uint32(m) != metaMagic {
			continue
		}
		h := fnv.New64a()
		_, _ = h.Write(m[:56])
		if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
			continue
		}
		if c.pageSize == 0 {
			c.pageSize = int64(binary.LittleEndian.Uint32(m[8:]))
		}
		if binary.LittleEndian.Uint64(m[48:]) == txid {
			meta = m
		}
	}
	if meta == nil || c.pageSize < 512 || c.pageSize > 1<<20 {
		return errors.New("no meta page matches the transaction being read")
	}
	root, freelist, hwm := binary.LittleEndian.Uint64(meta[16:]), binary.LittleEndian.Uint64(meta[32:]), binary.LittleEndian.Uint64(meta[40:])
	if int64(hwm) > c.size/c.pageSize || hwm < 2 {
		return fmt.Errorf("it claims %d pages but holds %d", hwm, c.size/c.pageSize)
	}
	c.hwm = hwm
	c.seen = make([]uint64, (hwm+63)/64)
	c.mark(0, 0)
	c.mark(1, 0)
	free := map[uint64]bool{}
	if freelist != noFreelist {
		if err := c.freelist(freelist, free); err != nil {
			return err
		}
	}
	if err := c.tree(root, nil, ""); err != nil {
		return err
	}
	for id := uint64(2); id < hwm; id++ {
		if c.isSeen(id) && free[id] {
			return fmt.Errorf("page %d is both in use and free", id)
		}
		if !c.isSeen(id) && !free[id] {
			return fmt.Errorf("page %d is neither in use nor free", id)
		}
	}
	return nil
}

func (c *checker) isSeen(id uint64) bool { return c.seen[id/64]&(1<<(id%64)) != 0 }

// mark records pages id to id+overflow as reached, refusing a page reached
// twice (which is how a loop shows).
func (c *checker) mark(id uint64, overflow uint32) error {
	if id+uint64(overflow) >= c.hwm {
		return fmt.Errorf("page %d is past the end of the data (page %d)", id+uint64(overflow), c.hwm)
	}
	for p := id; p <= id+uint64(overflow); p++ {
		if c.isSeen(p) {
			return fmt.Errorf("page %d is referenced twice", p)
		}
		c.seen[p/64] |= 1 << (p % 64)
	}
	return nil
}

// page reads page id, its overflow pages included, after checking its
// header.
func (c *checker) page(id uint64, want uint16) ([]byte, error) {
	if id < 2 || id >= c.hwm {
		return nil, fmt.Errorf("a reference to page %d, outside the data (pages 2 to %d)", id, c.hwm-1)
	}
	head := make([]byte, 16)
	if _, err := c.f.ReadAt(head, int64(id)*c.pageSize); err != nil {
		return nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	flags, overflow := binary.LittleEndian.Uint16(head[8:]), binary.LittleEndian.Uint32(head[12:])
	if got := binary.LittleEndian.Uint64(head); got != id {
		return nil, fmt.Errorf("page %d is marked as page %d", id, got)
	}
	if flags&want == 0 {
		return nil, fmt.Errorf("page %d has type %#x where a %#x page belongs", id, flags, want)
	}
	if err := c.mark(id, overflow); err != nil {
		return nil, err
	}
	buf := make([]byte, int64(overflow+1)*c.pageSize)
	if _, err := c.f.ReadAt(buf, int64(id)*c.pageSize); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	return buf, nil
}

func (c *checker) freelist(id uint64, free map[uint64]bool) error {
	p, err := c.page(id, freelistPage)
	if err != nil {
		return fmt.Errorf("its free page list: %v", err)
	}
	count, start := uint64(binary.LittleEndian.Uint16(p[10:])), uint64(16)
	if count == 0xFFFF {
		count, start = binary.LittleEndian.Uint64(p[16:]), 24
	}
	if count > uint64(len(p))/8 {
		return fmt.Errorf("its free page list claims %d pages", count)
	}
	for i := range count {
		fid := binary.LittleEndian.Uint64(p[start+i*8:])
		if fid < 2 || fid >= c.hwm || free[fid] {
			return fmt.Errorf("its free page list holds page %d wrongly", fid)
		}
		free[fid] = true
	}
	return nil
}

// tree checks the b-tree rooted at page id (a bucket's), whose keys must
// all be at least min; bucket names the bucket ("" for the top level).
func (c *checker) tree(id uint64, min []byte, bucket string) error {
	p, err := c.page(id, branchPage|leafPage)
	if err != nil {
		return err
	}
	return c.node(p, id, min, bucket)
}

// node checks one page's elements, in a page read from the file or inline
// in a bucket's value.
func (c *checker) node(p []byte, id uint64, min []byte, bucket string) error {
	flags, count := binary.LittleEndian.Uint16(p[8:]), int(binary.LittleEndian.Uint16(p[10:]))
	if 16+count*16 > len(p) {
		return fmt.Errorf("page %d claims %d elements", id, count)
	}
	prev := min
	for i := range count {
		e := p[16+i*16:]
		var key, value []byte
		var child uint64
		var elemFlags uint32
		if flags&branchPage != 0 {
			pos, ksize := int64(binary.LittleEndian.Uint32(e)), int64(binary.LittleEndian.Uint32(e[4:]))
			start := int64(16+i*16) + pos
			if start+ksize > int64(len(p)) {
				return fmt.Errorf("page %d: element %d runs past the page", id, i)
			}
			key, child = p[start:start+ksize], binary.LittleEndian.Uint64(e[8:])
		} else {
			elemFlags = binary.LittleEndian.Uint32(e)
			pos, ksize, vsize := int64(binary.LittleEndian.Uint32(e[4:])), int64(binary.LittleEndian.Uint32(e[8:])), int64(binary.LittleEndian.Uint32(e[12:]))
			start := int64(16+i*16) + pos
			if start+ksize+vsize > int64(len(p)) {
				return fmt.Errorf("page %d: the record at element %d runs past the page (%d bytes)", id, i, vsize)
			}
			key, value = p[start:start+ksize], p[start+ksize:start+ksize+vsize]
		}
		if prev != nil && bytes.Compare(key, prev) < 0 || i > 0 && bytes.Equal(key, prev) {
			return fmt.Errorf("page %d: its keys are out of order", id)
		}
		prev = key
		switch {
		case flags&branchPage != 0:
			if err := c.tree(child, key, bucket); err != nil {
				return err
			}
		case elemFlags&bucketLeaf != 0:
			if len(value) < 16 {
				return fmt.Errorf("page %d: bucket %q has no header", id, key)
			}
			name := string(key)
			if bucket != "" {
				name = bucket + "/" + name
			}
			if root := binary.LittleEndian.Uint64(value); root != 0 {
				if err := c.tree(root, nil, name); err != nil {
					return err
				}
			} else if len(value) > 16 {
				if len(value) < 32 {
					return fmt.Errorf("page %d: bucket %q is cut short", id, key)
				}
				if err := c.node(value[16:], id, nil, name); err != nil {
					return err
				}
			}
		default:
			if err := c.record(bucket, key, value); err != nil {
				return err
			}
		}
	}
	return nil
}
