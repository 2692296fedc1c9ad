package dev.apitpl.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The publishing services' messages name the command line's options when they reach a command-line user. */
class CommandLineWordingTest {

    @Test
    void aPomElementBeforeItsPropertyBecomesTheOption() {
        assertEquals("set --state-machine-role-arn arn:aws:iam::ACCOUNT:role/NAME, or --create-roles to let deploy create it",
                CommandLineWording.of("set <stateMachineRoleArn> (-Dapitpl.stateMachineRoleArn=arn:aws:iam::ACCOUNT:role/NAME),"
                        + " or -Dapitpl.createRoles=true to let deploy create it"));
    }

    @Test
    void aPropertyBeforeItsPomElementBecomesTheOption() {
        assertEquals("create it with --create-table, or name the existing table with --table and its region with --region",
                CommandLineWording.of("create it with -Dapitpl.createTable=true (<createTable>), or name the existing table with "
                        + "-Dapitpl.templateTable (<templateTable>) and its region with -Dapitpl.region"));
    }

    @Test
    void aSwitchSetToFalseIsLeftOut() {
        assertEquals("or no --admin-api", CommandLineWording.of("or -Dapitpl.adminApi=false"));
    }

    @Test
    void aSettingTheCommandLineDoesNotHaveKeepsItsMavenName() {
        String message = "set <deployTimeoutMinutes> (-Dapitpl.deployTimeoutMinutes=30)";
        assertEquals(message, CommandLineWording.of(message));
        assertEquals("no setting named", CommandLineWording.of("no setting named"));
    }
}
