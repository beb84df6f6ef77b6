package org.switchboard.hub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.CamelConfiguration;
import org.switchboard.hub.api.ApiModule;
import org.switchboard.hub.calls.CallsConfig;
import org.switchboard.hub.calls.CallbackLinksModule;
import org.switchboard.hub.calls.CallsModule;
import org.switchboard.hub.channels.ChannelsConfig;
import org.switchboard.hub.channels.ChannelsModule;
import org.switchboard.hub.cluster.ClusterModule;
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.config.DatabaseConfig;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.config.SettingsBinder;
import org.switchboard.hub.config.SettingsSection;
import org.switchboard.hub.dashboard.DashboardModule;
import org.switchboard.hub.emailtosms.BroadcastConfig;
import org.switchboard.hub.emailtosms.EmailToSmsModule;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.http.HttpModule;
import org.switchboard.hub.kannel.KannelConfig;
import org.switchboard.hub.kannel.KannelModule;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.mail.MailModule;
import org.switchboard.hub.mo.MoConfig;
import org.switchboard.hub.mo.MoModule;
import org.switchboard.hub.monitor.MonitoringConfig;
import org.switchboard.hub.smpp.SmppConfig;
import org.switchboard.hub.smpp.SmppModule;
import org.switchboard.hub.smstoemail.SmsToEmailModule;
import org.switchboard.hub.voicemail.VoicemailConfig;
import org.switchboard.hub.voicemail.VoicemailModule;

/** The hub's areas: each one's typed settings, and each one's module in the order they add their routes. */
final class Areas {
    /** Each area's settings, bound from the {@code switchboard.*} keys before anything starts. */
    private static final List<Supplier<SettingsSection>> SETTINGS = List.of(HubConfig::new, DatabaseConfig::new,
            ClusterConfig::new, MailConfig::new, BroadcastConfig::new, ChannelsConfig::new, VoicemailConfig::new, HttpConfig::new,
            KannelConfig::new, SmppConfig::new, MoConfig::new, CallsConfig::new,
            MonitoringConfig::new);
    /** The modules, in order: one shares what a later one takes (the channels, the mail parts, the credentials). */
    private static final List<Supplier<CamelConfiguration>> MODULES = List.of(ClusterModule::new,
            ChannelsModule::new, MailModule::new, CallbackLinksModule::new, SmsToEmailModule::new, EmailToSmsModule::new, VoicemailModule::new,
            HttpModule::new, ApiModule::new, DashboardModule::new, KannelModule::new, SmppModule::new, MoModule::new,
            CallsModule::new);

    private Areas() {
    }

    /** Each area's settings, bound and checked: a bad or unknown key stops the start here, named. */
    static Map<Class<? extends SettingsSection>, SettingsSection> settings(Settings settings) {
        SettingsBinder binder = new SettingsBinder(settings);
        Map<Class<? extends SettingsSection>, SettingsSection> sections = new LinkedHashMap<>();
        SETTINGS.forEach(s -> {
            SettingsSection section = binder.bind(s.get());
            sections.put(section.getClass(), section);
        });
        binder.refuseUnknown();
        return sections;
    }

    /** A new instance of each area's module, in order. */
    static List<CamelConfiguration> modules() {
        return MODULES.stream().map(Supplier::get).toList();
    }
}
