def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)
assert log.contains('BUILD SUCCESS')

// policy: each action on the one resource it needs, no wildcard
def policy = new File(basedir, 'target/apitpl/policy.json').text
assert policy.contains('"arn:aws:dynamodb:eu-west-1:123456789012:table/it-templates"')
assert policy.contains('dynamodb:GetItem')
assert policy.contains('arn:aws:lambda:eu-west-1:123456789012:function:it-api-call')
assert !policy.contains('"*"')

// synth: the whole workflow as one template, in YAML and JSON; the jar is not built in this project, and it says so
def yaml = new File(basedir, 'target/apitpl/template.yaml').text
assert yaml.contains('AWS::Serverless::Function') || yaml.contains('AWS::Lambda::Function')
assert yaml.contains('it-workflow')
assert new File(basedir, 'target/apitpl/template.json').isFile()
assert log =~ /\[WARNING\].*mvn package/
return true
