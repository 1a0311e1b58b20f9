package statebackend

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Client reaches one backend's bucket, lock table and STS.
type Client struct {
	Config *Config
	Region string
	S3     *s3.Client
	DDB    *dynamodb.Client
	STS    *sts.Client
}

// New builds the AWS clients for c, with the credentials the backend names
// (static keys or a profile) or else the default chain, and the backend's
// endpoint overrides. AWS_ENDPOINT_URL_S3 / _DYNAMODB / _STS apply too.
func New(ctx context.Context, c *Config) (*Client, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryMaxAttempts(3),
		// Short timeouts: an unreachable endpoint is reported, not waited on.
		config.WithHTTPClient(awshttp.NewBuildableClient().
			WithTimeout(30 * time.Second).
			WithDialerOptions(func(d *net.Dialer) { d.Timeout = 5 * time.Second }).
			WithTransportOptions(func(tr *http.Transport) { tr.ResponseHeaderTimeout = 20 * time.Second })),
	}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	if c.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.Profile))
	}
	if c.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(c.AccessKey, c.SecretKey, c.Token)))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("AWS configuration: %v", err)
	}
	cl := &Client{Config: c, Region: awsCfg.Region}
	cl.S3 = s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if c.Endpoints.S3 != "" {
			o.BaseEndpoint = aws.String(c.Endpoints.S3)
		}
		o.UsePathStyle = c.UsePathStyle
		// S3-compatible stores reject the SDK's default trailing checksums;
		// AWS accepts either way.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	cl.DDB = dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if c.Endpoints.DynamoDB != "" {
			o.BaseEndpoint = aws.String(c.Endpoints.DynamoDB)
		}
	})
	cl.STS = sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if c.Endpoints.STS != "" {
			o.BaseEndpoint = aws.String(c.Endpoints.STS)
		}
	})
	return cl, nil
}

// getObject reads an object (a version of it when versionID is set); found
// is false when it does not exist.
func (cl *Client) getObject(ctx context.Context, key, versionID string) (data []byte, version string, found bool, err error) {
	in := &s3.GetObjectInput{Bucket: aws.String(cl.Config.Bucket), Key: aws.String(key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	out, err := cl.S3.GetObject(ctx, in)
	if err != nil {
		if isNotFound(err) {
			return nil, "", false, nil
		}
		return nil, "", false, err
	}
	defer out.Body.Close()
	data, err = io.ReadAll(out.Body)
	if err != nil {
		return nil, "", false, err
	}
	return data, aws.ToString(out.VersionId), true, nil
}

// putState writes the state object with the backend's encryption settings.
func (cl *Client) putObject(ctx context.Context, key string, data []byte, ifNoneMatch bool) (string, error) {
	in := &s3.PutObjectInput{
		Bucket: aws.String(cl.Config.Bucket), Key: aws.String(key),
		Body: strings.NewReader(string(data)), ContentLength: aws.Int64(int64(len(data))),
		ContentType: aws.String("application/json"),
	}
	if ifNoneMatch {
		in.IfNoneMatch = aws.String("*")
	}
	if cl.Config.Encrypt {
		if cl.Config.KMSKeyID != "" {
			in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms
			in.SSEKMSKeyId = aws.String(cl.Config.KMSKeyID)
		} else {
			in.ServerSideEncryption = s3types.ServerSideEncryptionAes256
		}
	}
	out, err := cl.S3.PutObject(ctx, in)
	if err != nil {
		return "", err
	}
	return aws.ToString(out.VersionId), nil
}

func isNotFound(err error) bool {
	var nk *s3types.NoSuchKey
	var nf *s3types.NotFound
	if errors.As(err, &nk) || errors.As(err, &nf) {
		return true
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NoSuchKey", "NotFound", "NoSuchVersion":
			return true
		}
	}
	return false
}

func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// Explain turns an AWS error into what went wrong and what to do about it.
func Explain(err error) (problem, fix string) {
	code := errorCode(err)
	switch code {
	case "NoSuchBucket":
		return "the bucket does not exist", "apply terraform/backend first, or fix `bucket` in the backend configuration"
	case "AccessDenied", "Forbidden", "AccessDeniedException", "UnrecognizedClientException", "InvalidAccessKeyId",
		"SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId":
		return "access denied (" + code + ")", "check the credentials (AWS_PROFILE, `aws sso login`) and their IAM permissions"
	case "ResourceNotFoundException":
		return "the lock table does not exist", "apply terraform/backend (it creates the table), or fix `dynamodb_table`"
	}
	var ne net.Error
	var oe *net.OpError
	if errors.As(err, &oe) || errors.As(err, &ne) || strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "no such host") {
		return fmt.Sprintf("cannot reach the endpoint (%v)", rootCause(err)), "check the network, the region and any endpoint override"
	}
	if strings.Contains(err.Error(), "failed to retrieve credentials") || strings.Contains(err.Error(), "no EC2 IMDS role found") {
		return "no credentials", "set AWS_PROFILE (and run `aws sso login`), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	}
	return err.Error(), ""
}

// Describe renders an AWS error about what in one line, with the fix.
func Describe(err error, what string) string {
	problem, fix := Explain(err)
	if fix == "" {
		return what + ": " + problem
	}
	return what + ": " + problem + "; " + fix
}

func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// Identity returns the account and ARN the credentials belong to (STS GetCallerIdentity).
func (cl *Client) Identity(ctx context.Context) (account, arn string, err error) {
	out, err := cl.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", "", err
	}
	return aws.ToString(out.Account), aws.ToString(out.Arn), nil
}

// HeadBucket checks that the state bucket exists and the credentials reach it.
func (cl *Client) HeadBucket(ctx context.Context) error {
	_, err := cl.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(cl.Config.Bucket)})
	return err
}

// Table describes the lock table: its status and whether its key is the
// string LockID Terraform writes.
func (cl *Client) Table(ctx context.Context) (status string, keyOK bool, err error) {
	out, err := cl.DDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(cl.Config.DynamoDBTable)})
	if err != nil {
		return "", false, err
	}
	t := out.Table
	hash := ""
	for _, k := range t.KeySchema {
		if k.KeyType == "HASH" {
			hash = aws.ToString(k.AttributeName)
		}
	}
	for _, a := range t.AttributeDefinitions {
		if aws.ToString(a.AttributeName) == "LockID" && hash == "LockID" && a.AttributeType == "S" {
			keyOK = true
		}
	}
	return string(t.TableStatus), keyOK, nil
}
