package dev.apitpl.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.asl.AslAnalysis;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MermaidDiagramTest {

    private static String diagramOf(String file) {
        AslAnalysis analysis = AslValidator.analyze(Path.of("src/test/resources/validation/project/statemachine", file),
                AslValidationOptions.tolerant());
        return MermaidDiagram.render(analysis.document().orElseThrow());
    }

    @Test
    void statesAreNodesAndNextDefaultAndChoiceAreEdges() {
        String diagram = diagramOf("workflow.asl.json");
        List<String> lines = diagram.lines().map(String::trim).toList();
        assertEquals("flowchart TD", lines.get(0));
        assertTrue(lines.contains("s0[\"GetTemplate<br/><i>Task</i>\"]"), diagram);
        assertTrue(lines.contains("s2{\"CheckStatus<br/><i>Choice</i>\"}"), diagram);
        assertTrue(lines.contains("start0 --> s0"), diagram);
        assertTrue(lines.contains("s0 --> s1"), diagram);
        assertTrue(lines.contains("s2 -->|Choice| s3"), diagram);
        assertTrue(lines.contains("s2 -->|Choice| s4"), diagram);
        assertTrue(lines.contains("s2 -->|Default| s4"), diagram);
        assertTrue(lines.contains("s3 --> end0"), diagram);
        assertEquals(1, lines.stream().filter("s2 -->|Choice| s3"::equals).count(), "two rules to Success draw one edge");
    }

    @Test
    void parallelBranchesAreSubgraphsAndCatchIsADottedEdge() {
        String diagram = diagramOf("static-orders.asl.json");
        List<String> lines = diagram.lines().map(String::trim).toList();
        assertTrue(lines.contains("subgraph s1[\"Both<br/><i>Parallel</i>\"]"), diagram);
        assertTrue(lines.contains("subgraph s1_b1[\"branch 1\"]"), diagram);
        assertTrue(lines.contains("subgraph s1_b2[\"branch 2\"]"), diagram);
        assertTrue(lines.contains("s1 -.->|Catch| s5"), diagram);
        assertTrue(lines.contains("s1 --> s4"), diagram);
        assertEquals(lines.stream().filter(line -> line.startsWith("subgraph")).count(),
                lines.stream().filter(line -> line.equals("end")).count(), "every subgraph is closed");
    }

    @Test
    void theDiagramIsNamedAfterTheDefinition() {
        assertEquals("workflow.mmd", MermaidDiagram.fileName(Path.of("a/workflow.asl.json")));
    }
}
