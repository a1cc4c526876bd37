package dev.tocsin.correlator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The customer-responsibility vocabulary of the shipped policy, per area and language: compounds,
 * hyphenation, full-width forms, katakana variants, negated clauses and mixed reports.
 */
class CustomerResponsibilityLanguagesTest {

    private static final CustomerResponsibility TABLE = new CustomerResponsibility(
            Policy.defaults().customerResponsibility(), Policy.defaults().triageLanguages());

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Wi-Fi keeps dropping in the office                       | wi-fi
            en | Our wireless access point was replaced                   | wi-fi
            en | Calls drop since we moved to the new office network      | network
            en | New router installed yesterday, calls fail               | network
            en | DNS lookups for your domain time out                     | dns
            en | DHCP server handed out no address to the phones          | dhcp
            en | Phones ended up in the wrong VLAN                        | vlan
            en | Our firewall rules were tightened last night             | firewall
            en | Web filtering blocks the agent desktop                   | firewall
            en | Slow internet at the branch, audio breaks                | bandwidth
            en | Heavy jitter and packet loss on calls                    | qos
            en | Our carrier has an outage on the SIP trunks              | carrier
            en | The edge appliance in Berlin is offline                  | edge-appliance
            en | Desk phone firmware update failed                        | phone-firmware
            en | After the operating system upgrade the app will not start | devices
            en | Power failure in our server room                         | site-environment
            en | We changed the dial plan and now calls go nowhere        | configuration
            en | Wrong data in our user directory after an import         | data-accuracy
            en | An agent shared his credentials                          | credentials
            de | Seit wir das WLAN im Büro umgestellt haben, brechen Anrufe ab | wi-fi
            de | Der WLAN-Router im Lager wurde getauscht                 | wi-fi
            de | Im Büronetzwerk fallen Anrufe aus                        | network
            de | Wir haben den Router getauscht, seitdem keine Anrufe     | network
            de | Die Namensauflösung klappt nicht                         | dns
            de | Neue Firewall-Regel seit Montag, Chat lädt nicht         | firewall
            de | Webfilter blockiert die Agentenoberfläche                | firewall
            de | Die Internetverbindung am Standort ist sehr langsam      | bandwidth
            de | Starker Paketverlust bei Gesprächen                      | qos
            de | Unser SIP-Trunk beim Telefonanbieter ist gestört         | carrier
            de | Das Edge-Gerät im Keller startet nicht                   | edge-appliance
            de | Nach dem Firmware-Update der Tischtelefone kein Ton      | phone-firmware
            de | Nach dem Update des Betriebssystems startet die App nicht | devices
            de | Stromausfall im Serverraum                               | site-environment
            de | Wir haben den Wählplan geändert                          | configuration
            de | Falsche Daten in der Benutzerliste                       | data-accuracy
            de | Ein Agent hat seine Zugangsdaten weitergegeben           | credentials
            ja | 社内の無線LANを変更してから通話が途切れます                    | wi-fi
            ja | Ｗｉ－Ｆｉが頻繁に切れます                                    | wi-fi
            ja | 社内ネットワークの構成を変更しました                            | network
            ja | ルーターを交換してから通話ができません                          | network
            ja | ルータを交換してから通話ができません                            | network
            ja | ﾙｰﾀｰを交換しました                                          | network
            ja | DNSの名前解決に失敗します                                     | dns
            ja | ファイアウォールの設定を変更しました                            | firewall
            ja | ファイヤーウォールのルールを更新してから接続できません              | firewall
            ja | インターネット回線が遅いです                                   | bandwidth
            ja | 通話でパケットロスが発生しています                              | qos
            ja | 電話会社のSIPトランクに障害があります                           | carrier
            ja | Edgeアプライアンスがオフラインです                             | edge-appliance
            ja | 電話機のファームウェアを更新したら音が出ません                     | phone-firmware
            ja | セキュリティソフトがアプリをブロックします                        | devices
            ja | 停電のため機器が停止しました                                   | site-environment
            ja | ダイヤルプランを変更してから着信しません                          | configuration
            ja | インポートしたデータに誤りがあります                             | data-accuracy
            ja | 認証情報が漏えいした可能性があります                             | credentials
            """)
    void eachAreaIsRecognizedInEachLanguage(String language, String text, String area) {
        assertThat(TABLE.match(text, null, null))
                .as(text)
                .map(CustomerResponsibility.Match::area)
                .contains(area);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            WLAN-Router                  | wi-fi
            Büronetzwerk                 | network
            Bueronetzwerk                | network
            Firewall-Regel               | firewall
            Firewallregel                | firewall
            SIP-Trunk                    | carrier
            SIP Trunk                    | carrier
            sip_trunk                    | carrier
            Ｗｉ－Ｆｉ                      | wi-fi
            ＷＬＡＮ                       | wi-fi
            ルーター                      | network
            ルータ                        | network
            ファイアウォール                | firewall
            ファイヤーウォール              | firewall
            ﾌｧｲｱｳｫｰﾙ                     | firewall
            """)
    void compoundsHyphenationFullWidthAndKatakanaVariantsMatch(String text, String area) {
        assertThat(TABLE.match(text, null, null))
                .map(CustomerResponsibility.Match::area)
                .contains(area);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unser Netzwerk ist in Ordnung, aber der Chat lädt seit 10 Uhr nicht
            Das WLAN funktioniert einwandfrei, trotzdem brechen alle Anrufe ab
            Es liegt nicht am Router: Anrufe brechen nach 30 Sekunden ab
            ネットワークは問題ありません。チャットが表示されません
            ルーターは正常です、通話が途切れます
            Our network is fine but chat does not load
            The firewall has been checked and calls still fail
            """)
    void aNetworkWordInAClauseThatDeclaresItFineIsNoCustomerSideCause(String text) {
        assertThat(TABLE.match(text, null, null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Chat fällt aus, über WLAN und auch von zu Hause
            Anrufe brechen ab, in allen Standorten, egal welches Netzwerk
            通話が途切れます。無線LANでも有線でも、他の拠点でも同じです
            Calls drop on the office Wi-Fi and from home too
            Other companies see the same chat outage on their networks
            """)
    void aReportThatPutsTheProblemBeyondTheCustomersPremisesIsNeverCustomerSide(String text) {
        assertThat(TABLE.match(text, null, null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Das WLAN funktioniert einwandfrei, die Firewall haben wir gestern geändert | firewall
            Seit dem Router-Tausch brechen Anrufe ab und der Chat lädt nicht           | network
            無線LANは問題ありません。ファイアウォールを変更しました                      | firewall
            """)
    void aProductSymptomBesideAnUnclearedCustomerSideCauseStaysCustomerSide(String text, String area) {
        assertThat(TABLE.match(text, null, null))
                .map(CustomerResponsibility.Match::area)
                .contains(area);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Chat widget shows sdnsx error
            The transcript of the call is missing
            Der Chat lädt seit heute Morgen nicht
            Anrufe werden nicht durchgestellt, Planung unmöglich
            チャットが表示されません
            通話が途切れます
            The display of the queue plan is empty
            """)
    void productSymptomsAloneAreNotCustomerSide(String text) {
        assertThat(TABLE.match(text, null, null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sip_trunk     | carrier
            wlan-probleme | wi-fi
            ネットワーク    | network
            """)
    void tagsAreVocabularyToo(String tag, String area) {
        Optional<CustomerResponsibility.Match> match = TABLE.match("Calls fail", null, List.of(tag));
        assertThat(match).map(CustomerResponsibility.Match::area).contains(area);
    }
}
