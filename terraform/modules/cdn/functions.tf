# Optional CloudFront Function (cloudfront-js-2.0) on viewer-request of the
# static behaviours whose pattern ends with /* (e.g. /static/*): directory
# requests of the assets bucket get their index.html, since S3 through origin
# access control has no index documents.
#   /static/docs/  -> /static/docs/index.html
#   /static/docs   -> /static/docs/index.html
#   /static/app.js -> unchanged

resource "aws_cloudfront_function" "index_rewrite" {
  count = var.enable_index_rewrite_function ? 1 : 0

  name    = "${local.name_prefix}-index-rewrite"
  comment = "Rewrites directory requests of the assets bucket to index.html"
  runtime = "cloudfront-js-2.0"
  publish = true

  code = <<-EOT
    function handler(event) {
      var request = event.request;
      var uri = request.uri;
      if (uri.endsWith('/')) {
        request.uri = uri + 'index.html';
      } else if (uri.split('/').pop().indexOf('.') === -1) {
        request.uri = uri + '/index.html';
      }
      return request;
    }
  EOT

  tags = var.tags
}
