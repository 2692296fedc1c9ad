"""Runs the SAM transform on a synthesized template, as CloudFormation would after `sam package`.

usage: python3 sam_translate.py TEMPLATE OUT
Exit 0 and the transformed template in OUT; exit 1 with SAM's errors on stderr; exit 3 when samtranslator is absent.
"""
import json
import os
import sys

# the transform looks up the region (for ARNs it writes); never AWS itself
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

try:
    from samtranslator.translator.transform import transform
    from samtranslator.model.exceptions import InvalidDocumentException
except ImportError:
    print("samtranslator (aws-sam-translator) is not installed", file=sys.stderr)
    sys.exit(3)


class NoManagedPolicies:
    """The template names no managed policy: nothing to look up in IAM."""

    def load(self):
        return {}


def main(source, target):
    with open(source, encoding="utf-8") as f:
        template = json.load(f)
    # `sam package` / `aws cloudformation package` upload local code and write its S3 location in its place
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = "s3://packaged-bucket/" + properties["CodeUri"].split("/")[-1]
    parameters = {"AWS::Region": "eu-west-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
                  "AWS::StackName": "apitpl", "AWS::StackId": "stack-id", "AWS::URLSuffix": "amazonaws.com",
                  "AWS::NotificationARNs": []}
    try:
        output = transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(cause.message, file=sys.stderr)
        return 1
    with open(target, "w", encoding="utf-8") as f:
        json.dump(output, f, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
