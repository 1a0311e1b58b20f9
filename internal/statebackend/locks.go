package statebackend

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Lock sources.
const (
	SourceDynamoDB = "dynamodb"    // the lock table (dynamodb_table)
	SourceLockfile = "s3-lockfile" // <key>.tflock in the bucket (use_lockfile)
)

// LockInfo is Terraform's lock record (statemgr.LockInfo), as both the lock
// table's Info attribute and the .tflock file hold it.
type LockInfo struct {
	ID        string    `json:"ID"`
	Operation string    `json:"Operation"`
	Info      string    `json:"Info"`
	Who       string    `json:"Who"`
	Version   string    `json:"Version"`
	Created   time.Time `json:"Created"`
	Path      string    `json:"Path"`
}

// Lock is one held lock.
type Lock struct {
	Source string
	Where  string // table/LockID or s3://bucket/key
	LockInfo
	raw string // the record as stored, so unlock removes exactly what was shown
}

// Describe renders the lock for a person.
func (l Lock) Describe(now time.Time) []string {
	age := ""
	if !l.Created.IsZero() {
		age = fmt.Sprintf(" (%s ago)", now.Sub(l.Created).Round(time.Second))
	}
	op := l.Operation
	if op == "" {
		op = "(unknown)"
	}
	lines := []string{
		fmt.Sprintf("lock %s in %s %s", l.ID, l.Source, l.Where),
		fmt.Sprintf("  held by:   %s", orUnknown(l.Who)),
		fmt.Sprintf("  since:     %s%s", l.Created.UTC().Format(time.RFC3339), age),
		fmt.Sprintf("  operation: %s", op),
	}
	if l.Version != "" {
		lines = append(lines, fmt.Sprintf("  version:   %s", l.Version))
	}
	if l.Info != "" {
		lines = append(lines, fmt.Sprintf("  info:      %s", l.Info))
	}
	return lines
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

// Locks returns the locks held on the state: the lock table's record and the
// .tflock file, whichever exist.
func (cl *Client) Locks(ctx context.Context) ([]Lock, error) {
	var out []Lock
	c := cl.Config
	if c.DynamoDBTable != "" {
		res, err := cl.DDB.GetItem(ctx, &dynamodb.GetItemInput{
			TableName:      aws.String(c.DynamoDBTable),
			Key:            map[string]ddbtypes.AttributeValue{"LockID": &ddbtypes.AttributeValueMemberS{Value: c.LockPath()}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			return nil, errors.New(Describe(err, "lock table "+c.DynamoDBTable))
		}
		if v, ok := res.Item["Info"].(*ddbtypes.AttributeValueMemberS); ok {
			l := Lock{Source: SourceDynamoDB, Where: c.DynamoDBTable + "/" + c.LockPath(), raw: v.Value}
			if err := json.Unmarshal([]byte(v.Value), &l.LockInfo); err != nil {
				l.Info = "unreadable lock record: " + v.Value
			}
			out = append(out, l)
		}
	}
	data, _, found, err := cl.getObject(ctx, c.LockfileKey(), "")
	if err != nil {
		if c.UseLockfile {
			return nil, errors.New(Describe(err, "lock file s3://"+c.Bucket+"/"+c.LockfileKey()))
		}
	} else if found {
		l := Lock{Source: SourceLockfile, Where: "s3://" + c.Bucket + "/" + c.LockfileKey(), raw: string(data)}
		if err := json.Unmarshal(data, &l.LockInfo); err != nil {
			l.Info = "unreadable lock file: " + string(data)
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out, nil
}

// ErrLockChanged means the lock is no longer the one that was shown.
var ErrLockChanged = errors.New("the lock changed since it was shown (released, or taken again by someone else): run `cfctl state locks` again")

// Unlock removes exactly the lock l as it was read by Locks: if the record
// changed meanwhile (another run took the lock), nothing is removed.
func (cl *Client) Unlock(ctx context.Context, l Lock) error {
	c := cl.Config
	switch l.Source {
	case SourceDynamoDB:
		_, err := cl.DDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{
			TableName:                 aws.String(c.DynamoDBTable),
			Key:                       map[string]ddbtypes.AttributeValue{"LockID": &ddbtypes.AttributeValueMemberS{Value: c.LockPath()}},
			ConditionExpression:       aws.String("Info = :info"),
			ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":info": &ddbtypes.AttributeValueMemberS{Value: l.raw}},
		})
		var cf *ddbtypes.ConditionalCheckFailedException
		if errors.As(err, &cf) {
			return ErrLockChanged
		}
		if err != nil {
			return errors.New(Describe(err, "lock table "+c.DynamoDBTable))
		}
		return nil
	case SourceLockfile:
		data, _, found, err := cl.getObject(ctx, c.LockfileKey(), "")
		if err != nil {
			return errors.New(Describe(err, "lock file"))
		}
		if !found || string(data) != l.raw {
			return ErrLockChanged
		}
		if _, err := cl.S3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(c.Bucket), Key: aws.String(c.LockfileKey())}); err != nil {
			return errors.New(Describe(err, "lock file"))
		}
		return nil
	}
	return fmt.Errorf("unknown lock source %q", l.Source)
}

// LockedError is returned by operations that refuse to run while the state is locked.
type LockedError struct{ Locks []Lock }

func (e *LockedError) Error() string {
	var ids []string
	for _, l := range e.Locks {
		ids = append(ids, fmt.Sprintf("%s (%s, %s, since %s)", l.ID, orUnknown(l.Who), orUnknown(l.Operation), l.Created.UTC().Format(time.RFC3339)))
	}
	return "the state is locked by " + strings.Join(ids, "; ")
}

// Acquire takes the state's locks the way Terraform does (the lock table's
// record, and the .tflock file when use_lockfile is set) for an operation of
// cfctl's own; release gives them back.
func (cl *Client) Acquire(ctx context.Context, operation string) (release func(context.Context) error, err error) {
	c := cl.Config
	info := LockInfo{ID: newID(), Operation: operation, Who: who(), Version: "cfctl", Created: time.Now().UTC(), Path: c.LockPath()}
	raw, _ := json.Marshal(info)
	var undo []func(context.Context) error
	release = func(ctx context.Context) error {
		var errs []error
		for i := len(undo) - 1; i >= 0; i-- {
			errs = append(errs, undo[i](ctx))
		}
		return errors.Join(errs...)
	}
	if c.DynamoDBTable != "" {
		_, err := cl.DDB.PutItem(ctx, &dynamodb.PutItemInput{
			TableName: aws.String(c.DynamoDBTable),
			Item: map[string]ddbtypes.AttributeValue{
				"LockID": &ddbtypes.AttributeValueMemberS{Value: c.LockPath()},
				"Info":   &ddbtypes.AttributeValueMemberS{Value: string(raw)},
			},
			ConditionExpression: aws.String("attribute_not_exists(LockID)"),
		})
		if err != nil {
			var cf *ddbtypes.ConditionalCheckFailedException
			if errors.As(err, &cf) {
				locks, _ := cl.Locks(ctx)
				return nil, &LockedError{Locks: locks}
			}
			return nil, errors.New(Describe(err, "lock table "+c.DynamoDBTable))
		}
		undo = append(undo, func(ctx context.Context) error {
			return cl.Unlock(ctx, Lock{Source: SourceDynamoDB, LockInfo: info, raw: string(raw)})
		})
	}
	if c.UseLockfile {
		if _, err := cl.putObject(ctx, c.LockfileKey(), raw, true); err != nil {
			rerr := release(ctx)
			if code := errorCode(err); code == "PreconditionFailed" || code == "ConditionalRequestConflict" {
				locks, _ := cl.Locks(ctx)
				return nil, errors.Join(&LockedError{Locks: locks}, rerr)
			}
			return nil, errors.Join(errors.New(Describe(err, "lock file")), rerr)
		}
		undo = append(undo, func(ctx context.Context) error {
			return cl.Unlock(ctx, Lock{Source: SourceLockfile, LockInfo: info, raw: string(raw)})
		})
	}
	return release, nil
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func who() string {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	host, _ := os.Hostname()
	return name + "@" + host
}
