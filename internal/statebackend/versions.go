package statebackend

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Version is one version of the state object.
type Version struct {
	ID           string
	LastModified time.Time
	Size         int64
	Latest       bool
	DeleteMarker bool
}

// StateMeta is what identifies a state snapshot.
type StateMeta struct {
	Serial    uint64
	Lineage   string
	Resources int
	Version   string // terraform_version that wrote it
}

// ParseState reads the identifying fields of a state file.
func ParseState(data []byte) (StateMeta, error) {
	var s struct {
		Serial           uint64            `json:"serial"`
		Lineage          string            `json:"lineage"`
		TerraformVersion string            `json:"terraform_version"`
		Resources        []json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return StateMeta{}, fmt.Errorf("not a state file: %v", err)
	}
	return StateMeta{Serial: s.Serial, Lineage: s.Lineage, Resources: len(s.Resources), Version: s.TerraformVersion}, nil
}

// Versioning returns the bucket's versioning status ("Enabled", "Suspended" or "").
func (cl *Client) Versioning(ctx context.Context) (string, error) {
	out, err := cl.S3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(cl.Config.Bucket)})
	if err != nil {
		return "", errors.New(Describe(err, "bucket "+cl.Config.Bucket))
	}
	return string(out.Status), nil
}

// Versions lists the versions of the state object, newest first.
func (cl *Client) Versions(ctx context.Context) ([]Version, error) {
	c := cl.Config
	var out []Version
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(c.Bucket), Prefix: aws.String(c.Key)}
	for {
		page, err := cl.S3.ListObjectVersions(ctx, in)
		if err != nil {
			return nil, errors.New(Describe(err, "bucket "+c.Bucket))
		}
		for _, v := range page.Versions {
			if aws.ToString(v.Key) != c.Key {
				continue
			}
			out = append(out, Version{ID: aws.ToString(v.VersionId), LastModified: aws.ToTime(v.LastModified), Size: aws.ToInt64(v.Size), Latest: aws.ToBool(v.IsLatest)})
		}
		for _, m := range page.DeleteMarkers {
			if aws.ToString(m.Key) != c.Key {
				continue
			}
			out = append(out, Version{ID: aws.ToString(m.VersionId), LastModified: aws.ToTime(m.LastModified), Latest: aws.ToBool(m.IsLatest), DeleteMarker: true})
		}
		if !aws.ToBool(page.IsTruncated) {
			break
		}
		in.KeyMarker, in.VersionIdMarker = page.NextKeyMarker, page.NextVersionIdMarker
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Latest != out[j].Latest {
			return out[i].Latest
		}
		return out[i].LastModified.After(out[j].LastModified)
	})
	return out, nil
}

// VersionMeta reads one version and returns its serial and lineage.
func (cl *Client) VersionMeta(ctx context.Context, versionID string) (StateMeta, error) {
	data, _, found, err := cl.getObject(ctx, cl.Config.Key, versionID)
	if err != nil {
		return StateMeta{}, errors.New(Describe(err, "state version "+versionID))
	}
	if !found {
		return StateMeta{}, fmt.Errorf("no version %s of s3://%s/%s", versionID, cl.Config.Bucket, cl.Config.Key)
	}
	return ParseState(data)
}

// Current reads the current state object; found is false before the first apply.
func (cl *Client) Current(ctx context.Context) (data []byte, versionID string, found bool, err error) {
	data, versionID, found, err = cl.getObject(ctx, cl.Config.Key, "")
	if err != nil {
		return nil, "", false, errors.New(Describe(err, "state s3://"+cl.Config.Bucket+"/"+cl.Config.Key))
	}
	return data, versionID, found, nil
}

// RestoreResult says what Restore did.
type RestoreResult struct {
	Backup       string    // where the replaced state was saved ("" when there was none)
	Replaced     StateMeta // the state that was current
	ReplacedID   string    // its version id
	Restored     StateMeta // the chosen version, as it was
	NewSerial    uint64    // the serial it now has
	NewVersionID string
}

// Restore makes version versionID the current state again: it refuses while
// a lock is held, takes the lock itself, saves the current state into
// backupDir, writes the chosen version's content as a new version with the
// next serial (so every plan made before is stale), updates the lock table's
// digest the S3 backend checks, and releases the lock. The replaced state
// also stays in the bucket as a noncurrent version.
func (cl *Client) Restore(ctx context.Context, versionID, backupDir string) (*RestoreResult, error) {
	locks, err := cl.Locks(ctx)
	if err != nil {
		return nil, err
	}
	if len(locks) > 0 {
		return nil, &LockedError{Locks: locks}
	}
	release, err := cl.Acquire(ctx, "cfctl state restore")
	if err != nil {
		return nil, err
	}
	res, err := cl.restoreLocked(ctx, versionID, backupDir)
	if rerr := release(context.WithoutCancel(ctx)); rerr != nil {
		err = errors.Join(err, fmt.Errorf("releasing cfctl's lock: %v (remove it with `cfctl state unlock`)", rerr))
	}
	return res, err
}

func (cl *Client) restoreLocked(ctx context.Context, versionID, backupDir string) (*RestoreResult, error) {
	c := cl.Config
	res := &RestoreResult{}
	cur, curID, found, err := cl.Current(ctx)
	if err != nil {
		return nil, err
	}
	if found {
		if curID == versionID {
			return nil, fmt.Errorf("version %s is already the current state", versionID)
		}
		if res.Replaced, err = ParseState(cur); err != nil {
			return nil, fmt.Errorf("current state: %v", err)
		}
		res.ReplacedID = curID
	}
	old, _, ok, err := cl.getObject(ctx, c.Key, versionID)
	if err != nil {
		return nil, errors.New(Describe(err, "state version "+versionID))
	}
	if !ok {
		return nil, fmt.Errorf("no version %q of s3://%s/%s (a delete marker, or a wrong id): list them with `cfctl state versions`", versionID, c.Bucket, c.Key)
	}
	if res.Restored, err = ParseState(old); err != nil {
		return nil, fmt.Errorf("version %s: %v", versionID, err)
	}
	if found && res.Restored.Lineage != res.Replaced.Lineage {
		return nil, fmt.Errorf("version %s belongs to another state (lineage %s, the current one is %s): restoring it would swap the environment's state for an unrelated one; nothing was changed", versionID, res.Restored.Lineage, res.Replaced.Lineage)
	}
	res.NewSerial = max(res.Replaced.Serial, res.Restored.Serial) + 1
	data, err := withSerial(old, res.NewSerial)
	if err != nil {
		return nil, err
	}
	if found {
		if err := os.MkdirAll(backupDir, 0o700); err != nil {
			return nil, fmt.Errorf("saving the current state: %v", err)
		}
		name := fmt.Sprintf("%s-serial%d-%s.tfstate", time.Now().UTC().Format("20060102T150405Z"), res.Replaced.Serial, safeName(curID))
		res.Backup = filepath.Join(backupDir, name)
		if err := os.WriteFile(res.Backup, cur, 0o600); err != nil {
			return nil, fmt.Errorf("saving the current state: %v (nothing was changed)", err)
		}
	}
	if res.NewVersionID, err = cl.putObject(ctx, c.Key, data, false); err != nil {
		return nil, errors.New(Describe(err, "writing the state"))
	}
	if c.DynamoDBTable != "" {
		sum := md5.Sum(data)
		_, err := cl.DDB.PutItem(ctx, &dynamodb.PutItemInput{
			TableName: aws.String(c.DynamoDBTable),
			Item: map[string]ddbtypes.AttributeValue{
				"LockID": &ddbtypes.AttributeValueMemberS{Value: c.LockPath() + "-md5"},
				"Digest": &ddbtypes.AttributeValueMemberS{Value: hex.EncodeToString(sum[:])},
			},
		})
		if err != nil {
			return res, fmt.Errorf("the state was restored but its digest in %s was not updated (%v): Terraform will report a checksum mismatch until the Digest of %s-md5 is %x", c.DynamoDBTable, err, c.LockPath(), sum)
		}
	}
	return res, nil
}

// withSerial rewrites the top-level serial of a state file, keeping the rest.
func withSerial(state []byte, serial uint64) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(state, &m); err != nil {
		return nil, fmt.Errorf("not a state file: %v", err)
	}
	m["serial"] = json.RawMessage(fmt.Sprint(serial))
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, s)
}
