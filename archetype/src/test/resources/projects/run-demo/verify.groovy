// After the project compiled: serve its DemoApi on 127.0.0.1 and run the workflow on it with `mvn apitpl:run`,
// as a developer would, with the same local repository and settings as the build that generated it.
def projectDir = context.projectDir as File   // the generated project; the archetype plugin binds it here
def target = projectDir.parentFile.parentFile.parentFile.parentFile.parentFile
def loader = new URLClassLoader([new File(projectDir, 'target/test-classes').toURI().toURL()] as URL[], getClass().classLoader)
def api = loader.loadClass('com.example.demo.DemoApi').start(0, 'demo-token')
try {
    def input = '{"templateName":"search-products","method":"GET","params":{"apiBaseUrl":"' + api.baseUrl() +
            '","query":"lamp","limit":2}}'
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
    def command = [mvn, '-B', '-s', new File(target, 'archetype-it/interpolated-settings.xml').path,
                   "-Dmaven.repo.local=${new File(target, 'local-repo')}".toString(), 'apitpl:run', "-Dapitpl.input=${input}".toString()]
    def builder = new ProcessBuilder(command).directory(projectDir).redirectErrorStream(true)
    builder.environment().put('APITPL_ALLOWED_DESTINATIONS', '127.0.0.1')
    def process = builder.start()
    def log = process.inputStream.getText('UTF-8')
    new File(projectDir, 'run.log').text = log
    assert process.waitFor() == 0: "apitpl:run failed, see ${projectDir}/run.log"

    // The demo API was called with the rendered query, and its answer is in the printed output.
    def received = api.received()
    assert received.size() == 1
    assert received[0].path() == '/products'
    assert received[0].query() == [q: 'lamp', limit: '2']
    ['GetTemplate', 'CallApi', 'CheckStatus', 'Success'].each { state -> assert log.contains(state) }
    assert log.contains('floor lamp')
    assert log.contains('BUILD SUCCESS')
} finally {
    api.close()
}
return true
