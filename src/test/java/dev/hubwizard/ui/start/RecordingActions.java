package dev.hubwizard.ui.start;

import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the start screen asked the app to do, by profile name. */
final class RecordingActions implements StartActions {

    final List<String> opened = new CopyOnWriteArrayList<>();
    final List<String> deployed = new CopyOnWriteArrayList<>();
    final List<String> redeployed = new CopyOnWriteArrayList<>();
    final List<String> tornDown = new CopyOnWriteArrayList<>();
    final List<String> usersEdited = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();

    @Override
    public void open(Profile profile) {
        opened.add(profile.name());
    }

    @Override
    public void deploy(Profile profile) {
        deployed.add(profile.name());
    }

    @Override
    public void redeploy(Profile profile) {
        redeployed.add(profile.name());
    }

    @Override
    public void tearDown(Profile profile) {
        tornDown.add(profile.name());
    }

    @Override
    public void editUsers(Profile profile) {
        usersEdited.add(profile.name());
    }

    @Override
    public String usersPickedUp(Profile profile) {
        return "The hub picked up these lists at 14:02:11 (5 s ago).";
    }

    @Override
    public void showLogs(Profile profile) {
        logs.add(profile.name());
    }
}
