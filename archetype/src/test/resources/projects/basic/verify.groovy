// The generated project built with its own tests; check what generation itself must get right.
def projectDir = context.projectDir as File   // the generated project; the archetype plugin binds it here
def text = { String path -> new File(projectDir, path).getText('UTF-8') }

// Velocity left the ASL, the templates and the README's Markdown alone.
assert text('src/main/statemachine/workflow.asl.json').contains('"TableName": "${TemplateTableName}"')
assert text('src/main/templates/create-order.json').contains("{{ secret('ORDERS_API_TOKEN') }}")
assert text('README.md').startsWith('# shop-workflows')
assert text('README.md').contains('## Validate')
assert text('README.md').contains('dev.apitpl.runtime.admin.TemplateAdminLambda::handleRequest')
assert text('README.md').contains('java -cp target/test-classes com.example.shop.workflows.DemoApi 8080')
// The deploy loop against the local endpoint, with this project's names filled in.
assert text('README.md').contains('mvn apitpl:deploy -Dapitpl.endpoint=http://127.0.0.1:<port> -Dapitpl.allowedDestinations=127.0.0.1')
assert text('README.md').contains('--state-machine-arn arn:aws:states:eu-west-1:123456789012:stateMachine:shop-order-flow:live')
assert new File(projectDir, '.gitignore').isFile()

// The names are set once, from the archetype's properties.
def pom = text('pom.xml')
assert pom.contains('<workflow.templateTable>shop-api-templates</workflow.templateTable>')
assert pom.contains('<workflow.stateMachine>shop-order-flow</workflow.stateMachine>')
assert pom.contains('<aws.region>eu-west-1</aws.region>')

// The Lambda jar holds the generic handler, the admin API's handler and the runtime with its dependencies.
def lambdaJar = new File(projectDir, 'target/shop-workflows-1.0.0-SNAPSHOT-lambda.jar')
assert lambdaJar.isFile()
new java.util.zip.ZipFile(lambdaJar).withCloseable { zip ->
    ['dev/apitpl/runtime/handler/GenericApiCallLambda.class', 'dev/apitpl/runtime/admin/TemplateAdminLambda.class', 'dev/apitpl/runtime/render/TemplateRenderer.class', 'dev/apitpl/runtime/template/TemplateCodec.class',
     'com/hubspot/jinjava/Jinjava.class'].each { entry -> assert zip.getEntry(entry) != null: entry }
}

// The workflow test cases ran in the build and all passed.
def log = text('build.log')
assert log =~ /Workflow tests: 4 passed, 0 failed/
assert log =~ /Tests run: 4, Failures: 0, Errors: 0/
// apitpl:synth wrote the workflow's template with the project's names, and cfn-lint finds no error in it
def template = text('target/apitpl/template.yaml')
assert template.contains('Default: "shop-api-templates"')
assert template.contains('Default: "shop-api-call"')
assert template.contains('CodeUri: "../shop-workflows-1.0.0-SNAPSHOT-lambda.jar"')
// the project has the template admin API (<adminApi>true</adminApi>): its function behind an IAM-auth HTTP API
assert template.contains('"dev.apitpl.runtime.admin.TemplateAdminLambda::handleRequest"')
assert template.contains('Type: "AWS::Serverless::HttpApi"')
def lint
try {
    lint = ['cfn-lint', '--format', 'parseable', new File(projectDir, 'target/apitpl/template.yaml').path].execute()
} catch (IOException notInstalled) {
    println 'cfn-lint is not installed (pip install cfn-lint): the generated template was not linted'
}
if (lint != null) {
    def output = lint.text
    lint.waitFor()
    // cfn-lint 1.51 lacks OutputPath in its Succeed schema; the States Language allows it (see docs/synth.md)
    def findings = output.readLines().findAll { it.contains(':E') || it.contains(':W') }
            .findAll { !it.endsWith("E3601:Additional properties are not allowed ('OutputPath' was unexpected)") }
    assert findings.isEmpty(): output
}
return true
