package org.qvarnmr.camel.karaf.standalone;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.cm.ManagedServiceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone bundle's activator: one worker per ConfigAdmin configuration, from
 * {@code etc/org.qvarnmr.camel.cfg} (PID {@value #PID}) and from each {@code etc/org.qvarnmr.camel-NAME.cfg}
 * (factory PID {@value #PID}). Stopping or uninstalling the bundle stops every worker after its batch in
 * flight and clears its ownership record.
 */
public final class QvarnMrActivator implements BundleActivator {
    /** The PID of {@code etc/org.qvarnmr.camel.cfg}, and the factory PID of {@code etc/org.qvarnmr.camel-NAME.cfg}. */
    public static final String PID = "org.qvarnmr.camel";
    private static final Logger LOG = LoggerFactory.getLogger(QvarnMrActivator.class);

    private Workers workers;
    private ServiceRegistration<?> single;
    private ServiceRegistration<?> factory;

    @Override
    public void start(BundleContext context) {
        workers = new Workers(QvarnMrActivator.class.getClassLoader(), System.getProperty("karaf.etc"));
        Workers w = workers;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, PID);
        single = context.registerService(ManagedService.class, properties -> {
            if (properties == null && w.pids().isEmpty()) {
                LOG.info("qvarnmr: no configuration yet; write etc/{}.cfg or etc/{}-NAME.cfg", PID, PID);
            }
            w.update(PID, properties);
        }, props);
        factory = context.registerService(ManagedServiceFactory.class, new ManagedServiceFactory() {
            @Override
            public String getName() {
                return "qvarnmr-camel workers";
            }

            @Override
            public void updated(String pid, Dictionary<String, ?> properties) {
                w.update(pid, properties);
            }

            @Override
            public void deleted(String pid) {
                w.remove(pid);
            }
        }, props);
    }

    @Override
    public void stop(BundleContext context) {
        // Unregistered first, so ConfigAdmin starts nothing new while the workers stop.
        single.unregister();
        factory.unregister();
        workers.close();
    }
}
