package org.switchboard.modem.sim;

/**
 * The settings a host changes with AT commands. They belong to the modem, not to a connection: like a real modem on a
 * serial port, closing the port does not reset them; ATZ, AT&F and a reboot do. Fields are volatile because the
 * network's threads read them (CNMI, CREG) while the connection's thread writes them.
 */
final class ModemSettings {
    volatile boolean echo;
    volatile boolean verbose;
    volatile int cmee;
    volatile String charset;
    volatile int cnmiMode;
    volatile int cnmiMt;
    volatile int cnmiBm;
    volatile int cnmiDs;
    volatile int cnmiBfr;
    volatile int cregMode;
    /** Memories for reading/deleting (mem1), writing/sending (mem2) and receiving (mem3). */
    volatile String mem1;
    volatile String mem2;
    volatile String mem3;

    ModemSettings() {
        factoryDefaults();
    }

    /** What ATZ / AT&F / power-on restore: echo on, verbose, CMEE=0, IRA, CNMI=2,1,0,0,0, SM everywhere. */
    void factoryDefaults() {
        echo = true;
        verbose = true;
        cmee = 0;
        charset = "IRA";
        cnmiMode = 2;
        cnmiMt = 1;
        cnmiBm = 0;
        cnmiDs = 0;
        cnmiBfr = 0;
        cregMode = 0;
        mem1 = "SM";
        mem2 = "SM";
        mem3 = "SM";
    }
}
