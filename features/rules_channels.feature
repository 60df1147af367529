Feature: Channels and time limits
  Written in English to show that specs can be; the sentences mirror the Vietnamese ones.

  Scenario: TG-CHANNEL-NO-ONLINE flags a procedure with no online channel
    Given a procedure "Cấp phép" code "C.001" level "province"
    And it can be done "in person" within 10 working days
    And it can be done "post" within 10 working days
    When audited with the rule "TG-CHANNEL-NO-ONLINE"
    Then the procedure "C.001" is flagged
    And the finding cites "42/2022/NĐ-CP"

  Scenario: TG-CHANNEL-NO-ONLINE leaves a procedure with an online channel alone
    Given a procedure "Cấp phép" code "C.002" level "province"
    And it can be done "online" within 10 working days
    When audited with the rule "TG-CHANNEL-NO-ONLINE"
    Then the procedure "C.002" is not flagged

  Scenario: TG-CHANNEL-PARTIAL-ONLINE leaves a fully online procedure alone
    Given a procedure "Cấp phép" code "C.003" level "province"
    And it can be done "online" within 10 working days
    And it is fully online
    When audited with the rule "TG-CHANNEL-PARTIAL-ONLINE"
    Then the procedure "C.003" is not flagged

  Scenario: TG-TIME-ONLINE-SLOWER flags online slower than in person
    Given a procedure "Cấp phép" code "C.004" level "province"
    And it can be done "online" within 15 working days
    And it can be done "in person" within 10 working days
    When audited with the rule "TG-TIME-ONLINE-SLOWER"
    Then the procedure "C.004" is flagged

  Scenario: TG-TIME-ONLINE-SLOWER leaves equal time limits alone
    Given a procedure "Cấp phép" code "C.005" level "province"
    And it can be done "online" within 10 working days
    And it can be done "in person" within 10 working days
    When audited with the rule "TG-TIME-ONLINE-SLOWER"
    Then the procedure "C.005" is not flagged

  Scenario: TG-TIME-ABOVE-PEERS flags a time limit far above its peers, not the peers
    Given a procedure "Peer 1" code "T.001" level "province" field "Môi trường"
    And it can be done "in person" within 5 working days
    And a procedure "Peer 2" code "T.002" level "province" field "Môi trường"
    And it can be done "in person" within 5 working days
    And a procedure "Peer 3" code "T.003" level "province" field "Môi trường"
    And it can be done "in person" within 6 working days
    And a procedure "Peer 4" code "T.004" level "province" field "Môi trường"
    And it can be done "in person" within 5 working days
    And a procedure "Slow" code "T.005" level "province" field "Môi trường"
    And it can be done "in person" within 30 working days
    When audited with the rule "TG-TIME-ABOVE-PEERS"
    Then the procedure "T.005" is flagged
    And the procedure "T.003" is not flagged

  Scenario: TG-CHANNEL-PARTIAL-ONLINE flags a partly online procedure
    Given a procedure "Cấp phép" code "C.006" level "province"
    And it can be done "online" within 10 working days
    And its online level is partial
    When audited with the rule "TG-CHANNEL-PARTIAL-ONLINE"
    Then the procedure "C.006" is flagged
